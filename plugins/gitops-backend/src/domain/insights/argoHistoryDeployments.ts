import type {
  ApplicationRef,
  HistoryEntry,
} from '@slipway/plugin-gitops-common';
import { compareVersions } from '../versions/compareVersions';
import {
  OUTSIDE_SLIPWAY,
  type Deployment,
  type SourceCommit,
} from './deployments';

/** One placed application's Argo CD history, as the history backfill reads it. */
export interface ArgoHistoryInput {
  product: string;
  environment: string;
  application: ApplicationRef;
  /** Newest first, as Argo CD's history reads once normalised. */
  history: readonly HistoryEntry[];
  /** The application's health now: it tells how the newest entry ended. */
  health: string;
  /** The version each revision deployed, where the delivery config could read it. */
  versions: ReadonlyMap<string, string>;
  /**
   * The commits each revision brought since the entry before it (newest first), where Git could
   * tell; a revision without them brought its own manifest commit.
   */
  changes: ReadonlyMap<string, readonly SourceCommit[]>;
}

export const revisionOf = (entry: HistoryEntry) =>
  entry.revision ?? entry.revisions?.[0];

/**
 * Deployments recorded in Argo CD's history, oldest first. Argo CD writes an entry only for a sync
 * that succeeded, so an entry replaced later counts as healthy when it was synced; the newest one is
 * as healthy as the application is now (Degraded: a degraded deployment; Progressing or Unknown:
 * still syncing). An entry that goes back to a lower version than the one before it is a rollback,
 * and the version it replaced failed from the moment it went live. Who made them is not known here:
 * the store merges each with the release that recorded the same deployment.
 */
export function deploymentsFromArgoHistory(
  input: ArgoHistoryInput,
): Deployment[] {
  const entries = input.history
    .filter(entry => revisionOf(entry) && entry.deployedAt)
    .reverse();
  const deployments = entries.map((entry, index): Deployment => {
    const revision = revisionOf(entry)!;
    const syncedAt = entry.deployedAt!;
    const version = input.versions.get(revision);
    const base: Deployment = {
      product: input.product,
      environment: input.environment,
      application: input.application,
      ...(version ? { version } : {}),
      revision,
      sourceCommits: [...(input.changes.get(revision) ?? [{ sha: revision }])],
      syncedAt,
      releaseId: OUTSIDE_SLIPWAY,
      outcome: 'healthy',
      healthyAt: syncedAt,
    };
    if (index < entries.length - 1 || input.health === 'Healthy') return base;
    const { healthyAt: _healthyAt, ...unfinished } = base;
    if (input.health === 'Degraded' || input.health === 'Missing') {
      return { ...unfinished, outcome: 'degraded', failedAt: syncedAt };
    }
    return { ...unfinished, outcome: 'syncing' };
  });
  return deployments.map((deployment, index) => {
    const before = deployments[index - 1];
    const after = deployments[index + 1];
    let result = deployment;
    if (isRollback(before, deployment)) {
      result = { ...result, releaseKind: 'rollback' };
    }
    if (isRollback(deployment, after)) {
      result = {
        ...result,
        outcome: 'rolled-back',
        failedAt: result.failedAt ?? result.syncedAt,
      };
    }
    return result;
  });
}

function isRollback(earlier?: Deployment, later?: Deployment): boolean {
  if (!earlier?.version || !later?.version) return false;
  const { order, comparable } = compareVersions(later.version, earlier.version);
  return comparable && order < 0;
}
