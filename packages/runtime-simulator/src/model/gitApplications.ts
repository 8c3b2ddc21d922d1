import { rfc3339 } from '../argocd/time';
import type { ApplicationSeed, RevisionHistory } from '../argocd/types';
import { GitManifestSource } from '../git/GitManifestSource';
import { AppRecord, appKey } from './AppRecord';
import { newApplication } from './newApplication';
import { comparisonErrorMessage } from './Reconciler';
import { isAutomated } from './syncLifecycle';

const initialHistoryDepth = 3;

/**
 * Builds the record of a seeded app backed by a local git repository. It starts as if Argo CD had synced
 * it at the current head of targetRevision: Synced, Healthy, with the last commits that touched its
 * folder as deployment history (so there is something to roll back to).
 */
export async function createGitRecord(
  seed: ApplicationSeed,
  runtime: string,
): Promise<AppRecord> {
  const app = newApplication(seed, runtime);
  const source = app.spec.source;
  const record: AppRecord = {
    key: appKey(app.metadata.namespace!, app.metadata.name),
    origin: 'git',
    app,
    source: new GitManifestSource(
      source?.repoURL ?? '',
      source?.path,
      app.metadata.name,
      app.spec.destination.namespace ?? 'default',
    ),
    rolloutNumber: 1,
    baseHealth: { status: 'Healthy' },
    events: [],
    cache: { projections: new Map() },
  };
  try {
    const revision = await record.source.resolve(
      source?.targetRevision || 'HEAD',
    );
    const target = await record.source.render(revision);
    const limit = Math.min(
      initialHistoryDepth,
      app.spec.revisionHistoryLimit ?? 10,
    );
    const earlier =
      limit > 0 ? await record.source.initialHistory(revision, limit) : [];
    const deployed =
      earlier.length > 0 ? earlier : [{ revision, deployedAt: rfc3339() }];
    const initiatedBy = isAutomated(record)
      ? { automated: true }
      : { username: 'admin' };
    const history: RevisionHistory[] = deployed.map((d, id) => ({
      id,
      revision: d.revision,
      deployStartedAt: rfc3339(new Date(d.deployedAt).getTime() - 2000),
      deployedAt: d.deployedAt,
      ...(source ? { source } : {}),
      initiatedBy,
    }));
    record.target = target;
    record.live = target;
    record.rolloutNumber = history.length;
    const last = history[history.length - 1];
    app.status.history = history;
    app.status.operationState = {
      operation: { sync: { revision: last.revision }, initiatedBy },
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: last.deployStartedAt!,
      finishedAt: last.deployedAt,
      syncResult: { revision: last.revision, ...(source ? { source } : {}) },
    };
  } catch (error) {
    record.comparisonError = comparisonErrorMessage(error);
  }
  app.status.reconciledAt = rfc3339();
  return record;
}
