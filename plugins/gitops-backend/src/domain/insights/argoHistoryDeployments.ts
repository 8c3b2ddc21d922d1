import type {
  ApplicationRef,
  HistoryEntry,
} from '@slipway/plugin-gitops-common';
import { OUTSIDE_SLIPWAY, type Deployment } from './deployments';

/** One placed application's Argo CD history, as the history backfill reads it. */
export interface ArgoHistoryInput {
  product: string;
  environment: string;
  application: ApplicationRef;
  /** Newest first, as Argo CD's history reads once normalised. */
  history: readonly HistoryEntry[];
  /** The application's health now: it tells how the newest entry ended. */
  health: string;
  /** The version running now, when the delivery config can read it. */
  version?: string;
  /** Commit time (RFC 3339) by revision, where Argo CD could tell it. */
  commitTimes: ReadonlyMap<string, string>;
}

/**
 * Deployments recorded in Argo CD's history. Argo CD writes an entry only for a sync that succeeded,
 * so an entry replaced later counts as healthy when it was synced; the newest one is as healthy as the
 * application is now (Degraded: a degraded deployment; Progressing or Unknown: still syncing). Who
 * made it is not known here: the store merges it with the release that recorded the same deployment.
 */
export function deploymentsFromArgoHistory(
  input: ArgoHistoryInput,
): Deployment[] {
  const entries = input.history.filter(
    entry => (entry.revision ?? entry.revisions?.[0]) && entry.deployedAt,
  );
  return entries.map((entry, index) => {
    const revision = (entry.revision ?? entry.revisions?.[0])!;
    const syncedAt = entry.deployedAt!;
    const newest = index === 0;
    const commitTime = input.commitTimes.get(revision);
    const base: Deployment = {
      product: input.product,
      environment: input.environment,
      application: input.application,
      ...(newest && input.version ? { version: input.version } : {}),
      revision,
      sourceCommits: [
        { sha: revision, ...(commitTime ? { time: commitTime } : {}) },
      ],
      syncedAt,
      releaseId: OUTSIDE_SLIPWAY,
      outcome: 'healthy',
      healthyAt: syncedAt,
    };
    if (!newest || input.health === 'Healthy') return base;
    const { healthyAt: _healthyAt, ...unfinished } = base;
    if (input.health === 'Degraded' || input.health === 'Missing') {
      return { ...unfinished, outcome: 'degraded', failedAt: syncedAt };
    }
    return { ...unfinished, outcome: 'syncing' };
  });
}
