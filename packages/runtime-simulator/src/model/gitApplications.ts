import { rfc3339 } from '../argocd/time';
import type { ApplicationSeed, RevisionHistory } from '../argocd/types';
import { GitManifestSource } from '../git/GitManifestSource';
import { AppRecord, appKey } from './AppRecord';
import { newApplication } from './newApplication';
import { comparisonErrorMessage } from './Reconciler';
import { isAutomated } from './syncLifecycle';

/** Argo CD's default `revisionHistoryLimit`. */
const DEFAULT_HISTORY_LIMIT = 10;

/**
 * When Argo CD would have synced a commit: within its three-minute poll of the repository, and the
 * sync itself took under a minute. Derived from the commit time, so every start tells the same past,
 * and a history moved by whole days (as the sandbox's is) keeps the same delays.
 */
function syncedAfterCommit(committedAt: string) {
  const committed = Date.parse(committedAt);
  const jitter = Math.floor(committed / 1000);
  const took = (15 + (jitter % 45)) * 1000;
  // A commit made just now was synced just now: history never lies in the future.
  const finished = Math.min(
    committed + (30 + (jitter % 150)) * 1000 + took,
    Date.now(),
  );
  return {
    deployStartedAt: rfc3339(Math.max(committed, finished - took)),
    deployedAt: rfc3339(finished),
  };
}

/**
 * Builds the record of a seeded app backed by a local git repository. It starts as if Argo CD had synced
 * it at the current head of targetRevision: Synced, Healthy, with the last commits that touched its
 * folder as deployment history (as many as `revisionHistoryLimit` keeps), each synced a few minutes
 * after it was committed, as Argo CD's polling of the repository would.
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
    const limit = app.spec.revisionHistoryLimit ?? DEFAULT_HISTORY_LIMIT;
    const earlier =
      limit > 0 ? await record.source.initialHistory(revision, limit) : [];
    const initiatedBy = isAutomated(record)
      ? { automated: true }
      : { username: 'admin' };
    const history: RevisionHistory[] =
      earlier.length > 0
        ? earlier.map((d, id) => ({
            id,
            revision: d.revision,
            ...syncedAfterCommit(d.committedAt),
            ...(source ? { source } : {}),
            initiatedBy,
          }))
        : [
            {
              id: 0,
              revision,
              deployStartedAt: rfc3339(Date.now() - 2000),
              deployedAt: rfc3339(),
              ...(source ? { source } : {}),
              initiatedBy,
            },
          ];
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
