import {
  ArgoError,
  failedPrecondition,
  GrpcCode,
  invalidArgument,
} from '../argocd/errors';
import { rfc3339 } from '../argocd/time';
import type {
  Operation,
  OperationInitiator,
  ResourceResult,
  RevisionHistory,
  SyncOperation,
} from '../argocd/types';
import { podTemplateHash } from '../manifests/hash';
import { imagesOf } from '../manifests/images';
import { groupVersion, KubeObject, RenderedRevision } from '../manifests/types';
import type { AppRecord } from './AppRecord';
import type { ApplicationStore } from './ApplicationStore';
import { recordAppEvent, recordResourceEvent } from './events';
import { pairResources, sameManifest } from './status';
import type { Timers } from './Timers';

export interface SyncRequest {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: {
    group?: string;
    kind: string;
    name: string;
    namespace?: string;
  }[];
  strategy?: Record<string, unknown>;
  syncOptions?: string[];
  initiatedBy: OperationInitiator;
}

/** What one sync applies, deletes and leaves for pruning. */
interface SyncPlan {
  /** The live objects after the sync. */
  applied: RenderedRevision;
  synced: { target: KubeObject; live?: KubeObject }[];
  pruned: KubeObject[];
  pruneSkipped: KubeObject[];
}

function pruneResult(
  object: KubeObject,
  status: 'Pruned' | 'PruneSkipped',
  message: string,
): ResourceResult {
  const { group, version } = groupVersion(object.apiVersion);
  return {
    group,
    version,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    status,
    message,
    hookPhase: 'Running',
    syncPhase: 'Sync',
  };
}

export interface LifecycleTimings {
  syncDelayMs: number;
  progressingMs: number;
}

export function isAutomated(record: AppRecord): boolean {
  const automated = record.app.spec.syncPolicy?.automated;
  return (
    automated !== undefined && automated !== null && automated.enabled !== false
  );
}

function qualifiedName(record: AppRecord): string {
  const { name, namespace } = record.app.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

function short(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

const operationInProgress = () =>
  failedPrecondition(
    'error setting app operation: rpc error: code = FailedPrecondition desc = another operation is already in progress',
  );

/**
 * The operation half of the application controller: a requested operation is picked up (Running, the app
 * Progressing while the new ReplicaSet rolls out), then completes (Succeeded, Synced, Healthy, a history
 * entry). Automated apps get a sync `syncDelayMs` after they turn OutOfSync.
 */
export class SyncLifecycle {
  private readonly operationTimers = new Map<string, NodeJS.Timeout>();
  private readonly autoSyncTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: ApplicationStore,
    private readonly timers: Timers,
    private readonly timings: LifecycleTimings,
  ) {}

  requestSync(record: AppRecord, request: SyncRequest): void {
    const { app } = record;
    if (app.operation) throw operationInProgress();
    const targetRevision = app.spec.source?.targetRevision || 'HEAD';
    if (
      request.revision &&
      request.revision !== targetRevision &&
      isAutomated(record) &&
      !request.dryRun
    ) {
      throw failedPrecondition(
        `Cannot sync to ${request.revision}: auto-sync currently set to ${targetRevision}`,
      );
    }
    const sync: SyncOperation = {
      ...(request.revision ? { revision: request.revision } : {}),
      ...(request.prune ? { prune: true } : {}),
      ...(request.dryRun ? { dryRun: true } : {}),
      ...(request.syncOptions?.length
        ? { syncOptions: request.syncOptions }
        : {}),
      ...(request.strategy ? { syncStrategy: request.strategy } : {}),
      ...(request.resources?.length ? { resources: request.resources } : {}),
    };
    this.beginOperation(
      record,
      { sync, initiatedBy: request.initiatedBy },
      `initiated ${request.initiatedBy.automated ? 'automated ' : ''}sync to ${
        request.revision ?? targetRevision
      }`,
    );
  }

  requestRollback(
    record: AppRecord,
    id: number,
    options: {
      dryRun?: boolean;
      prune?: boolean;
      initiatedBy: OperationInitiator;
    },
  ): void {
    const { app } = record;
    if (isAutomated(record)) {
      throw failedPrecondition(
        'rollback cannot be initiated when auto-sync is enabled',
      );
    }
    const entry = app.status.history?.find(h => h.id === id);
    if (!entry) {
      throw invalidArgument(
        `application ${qualifiedName(
          record,
        )} does not have deployment with id ${id}`,
      );
    }
    if (app.operation) throw operationInProgress();
    this.beginOperation(
      record,
      {
        sync: {
          revision: entry.revision,
          ...(entry.source ? { source: entry.source } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
          ...(options.prune ? { prune: true } : {}),
        },
        initiatedBy: options.initiatedBy,
      },
      `initiated rollback to ${id}`,
    );
  }

  /** DELETE .../operation: a running operation goes Terminating, then Failed. */
  terminate(record: AppRecord): void {
    const { app } = record;
    if (!app.operation) {
      throw new ArgoError(
        GrpcCode.InvalidArgument,
        'Unable to terminate operation. No operation is in progress',
      );
    }
    this.timers.cancel(this.operationTimers.get(record.key));
    this.store.update(record, r => {
      if (r.app.status.operationState)
        r.app.status.operationState.phase = 'Terminating';
    });
    this.operationTimers.set(
      record.key,
      this.timers.after(Math.min(50, this.timings.progressingMs), () => {
        this.operationTimers.delete(record.key);
        const revision =
          record.rollout?.revision ??
          record.app.operation?.sync?.revision ??
          '';
        this.store.update(record, r => {
          r.rollout = undefined;
          r.app.status.operationState = {
            ...(r.app.status.operationState ?? {
              operation: r.app.operation!,
              startedAt: rfc3339(),
            }),
            phase: 'Failed',
            message: 'Operation terminated',
            finishedAt: rfc3339(),
          };
          delete r.app.operation;
        });
        recordAppEvent(
          record,
          'OperationCompleted',
          `Sync operation to ${revision} failed: Operation terminated`,
          {
            type: 'Warning',
          },
        );
      })!,
    );
  }

  /** Called after each reconcile: automated apps that drifted get a sync after `syncDelayMs`. */
  considerAutoSync(record: AppRecord): void {
    const { app } = record;
    if (
      !isAutomated(record) ||
      app.operation ||
      this.autoSyncTimers.has(record.key)
    )
      return;
    if (app.status.sync.status !== 'OutOfSync' || !record.target) return;
    const revision = record.target.revision;
    const last = app.status.operationState;
    // Like Argo CD: never retry automatically a revision whose sync already failed or was terminated.
    if (
      last &&
      last.phase !== 'Succeeded' &&
      last.syncResult?.revision === revision
    )
      return;
    if (
      last &&
      last.phase !== 'Succeeded' &&
      last.operation.sync?.revision === revision
    )
      return;
    // Nor again a revision it synced without pruning what it had to: that sync would skip it again.
    if (
      last?.phase === 'Succeeded' &&
      last.syncResult?.revision === revision &&
      last.syncResult.resources?.some(r => r.status === 'PruneSkipped')
    )
      return;
    this.autoSyncTimers.set(
      record.key,
      this.timers.after(this.timings.syncDelayMs, () => {
        this.autoSyncTimers.delete(record.key);
        if (
          record.app.operation ||
          record.app.status.sync.status !== 'OutOfSync' ||
          !isAutomated(record)
        ) {
          return;
        }
        const current = record.target?.revision ?? revision;
        this.beginOperation(
          record,
          {
            sync: {
              revision: current,
              ...(record.app.spec.syncPolicy?.automated?.prune
                ? { prune: true }
                : {}),
            },
            initiatedBy: { automated: true },
            ...(record.app.spec.syncPolicy?.retry
              ? { retry: record.app.spec.syncPolicy.retry }
              : {}),
          },
          `initiated automated sync to '${current}'`,
        );
      })!,
    );
  }

  /** Forgets timers of an app that is being removed. */
  forget(record: AppRecord): void {
    this.timers.cancel(this.operationTimers.get(record.key));
    this.timers.cancel(this.autoSyncTimers.get(record.key));
    this.operationTimers.delete(record.key);
    this.autoSyncTimers.delete(record.key);
  }

  private beginOperation(
    record: AppRecord,
    operation: Operation,
    message: string,
  ): void {
    this.timers.cancel(this.autoSyncTimers.get(record.key));
    this.autoSyncTimers.delete(record.key);
    this.store.update(record, r => {
      r.app.operation = operation;
      delete r.app.status.operationState;
    });
    recordAppEvent(record, 'OperationStarted', message, {
      component: operation.initiatedBy?.automated
        ? 'argocd-application-controller'
        : 'argocd-server',
    });
    this.operationTimers.set(
      record.key,
      this.timers.after(Math.min(50, this.timings.progressingMs), () =>
        this.run(record, operation),
      )!,
    );
  }

  private async run(record: AppRecord, operation: Operation): Promise<void> {
    const sync = operation.sync ?? {};
    const startedAt = rfc3339();
    let desired: RenderedRevision;
    try {
      const revision = await record.source.resolve(
        sync.revision ?? record.app.spec.source?.targetRevision ?? 'HEAD',
      );
      desired = await record.source.render(revision);
    } catch (error) {
      this.finish(record, operation, startedAt, {
        phase: 'Error',
        message: `ComparisonError: ${(error as Error).message}`,
      });
      return;
    }
    const plan = this.plan(record, desired, sync);
    const applied = plan.applied;
    this.store.update(record, r => {
      r.app.status.operationState = {
        operation,
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt,
      };
      if (!sync.dryRun) r.rollout = applied;
    });
    this.operationTimers.set(
      record.key,
      this.timers.after(this.timings.progressingMs, () => {
        this.operationTimers.delete(record.key);
        this.complete(record, operation, startedAt, desired, plan);
      })!,
    );
  }

  /**
   * What the sync applies, like Argo CD: only the selected resources (all when none are selected) are
   * applied; a live resource no longer in Git is deleted only with `prune`, else it stays and is
   * reported PruneSkipped. The rest stays as it is live.
   */
  private plan(
    record: AppRecord,
    desired: RenderedRevision,
    sync: SyncOperation,
  ): SyncPlan {
    const selected = (o: KubeObject) =>
      !sync.resources?.length ||
      sync.resources.some(
        s =>
          s.kind === o.kind &&
          s.name === o.metadata.name &&
          (s.group ?? '') === groupVersion(o.apiVersion).group &&
          (!s.namespace || s.namespace === o.metadata.namespace),
      );
    const manifests: KubeObject[] = [];
    const plan: Omit<SyncPlan, 'applied'> = {
      synced: [],
      pruned: [],
      pruneSkipped: [],
    };
    for (const { target, live } of pairResources(desired, record.live)) {
      if (target && selected(target)) {
        manifests.push(target);
        plan.synced.push({ target, live });
      } else if (target) {
        if (live) manifests.push(live);
      } else if (live && selected(live) && sync.prune) {
        plan.pruned.push(live);
      } else if (live) {
        manifests.push(live);
        if (selected(live)) plan.pruneSkipped.push(live);
      }
    }
    return {
      ...plan,
      applied: { ...desired, manifests, images: imagesOf(manifests) },
    };
  }

  private complete(
    record: AppRecord,
    operation: Operation,
    startedAt: string,
    desired: RenderedRevision,
    plan: SyncPlan,
  ): void {
    const sync = operation.sync ?? {};
    const applied = plan.applied;
    const dryRun = sync.dryRun ? ' (dry run)' : '';
    const results: ResourceResult[] = plan.synced
      .map((p): ResourceResult => {
        const object = p.target;
        const { group, version } = groupVersion(object.apiVersion);
        let verb = 'configured';
        if (!p.live) verb = 'created';
        else if (sameManifest(p.target, p.live)) verb = 'unchanged';
        const kindRef = group
          ? `${object.kind.toLowerCase()}.${group}`
          : object.kind.toLowerCase();
        const images = imagesOf([object]);
        return {
          group,
          version,
          kind: object.kind,
          namespace: object.metadata.namespace ?? '',
          name: object.metadata.name,
          status: 'Synced',
          message: `${kindRef}/${object.metadata.name} ${verb}${dryRun}`,
          ...(images.length ? { images } : {}),
          hookPhase: 'Running',
          syncPhase: 'Sync',
        };
      })
      .concat(
        plan.pruned.map(o => pruneResult(o, 'Pruned', `pruned${dryRun}`)),
        plan.pruneSkipped.map(o =>
          pruneResult(o, 'PruneSkipped', 'ignored (requires pruning)'),
        ),
      );
    const previousDeployment = record.live?.manifests.find(
      o => o.kind === 'Deployment',
    );
    const nextDeployment = applied.manifests.find(o => o.kind === 'Deployment');
    const finishedAt = rfc3339();
    this.store.update(record, r => {
      if (!sync.dryRun) {
        if (nextDeployment && !sameManifest(previousDeployment, nextDeployment))
          r.rolloutNumber++;
        r.live = applied;
        r.baseHealth = { status: 'Healthy' };
      }
      r.rollout = undefined;
      r.app.status.operationState = {
        operation,
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt,
        finishedAt,
        syncResult: {
          revision: desired.revision,
          ...(sync.source ?? r.app.spec.source
            ? { source: sync.source ?? r.app.spec.source }
            : {}),
          resources: results,
        },
      };
      delete r.app.operation;
      r.app.status.reconciledAt = finishedAt;
      if (!sync.dryRun && !sync.resources?.length)
        this.appendHistory(r, operation, desired, startedAt, finishedAt);
    });
    if (
      !sync.dryRun &&
      nextDeployment &&
      !sameManifest(previousDeployment, nextDeployment)
    ) {
      recordResourceEvent(
        record,
        {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          namespace: nextDeployment.metadata.namespace ?? '',
          name: nextDeployment.metadata.name,
        },
        'ScalingReplicaSet',
        `Scaled up replica set ${
          nextDeployment.metadata.name
        }-${podTemplateHash(nextDeployment)} to ${applied.replicas}`,
        'deployment-controller',
      );
    }
    recordAppEvent(
      record,
      'OperationCompleted',
      `Sync operation to ${desired.revision} succeeded`,
    );
  }

  private finish(
    record: AppRecord,
    operation: Operation,
    startedAt: string,
    outcome: { phase: 'Error' | 'Failed'; message: string },
  ): void {
    this.store.update(record, r => {
      r.rollout = undefined;
      r.app.status.operationState = {
        operation,
        ...outcome,
        startedAt,
        finishedAt: rfc3339(),
      };
      delete r.app.operation;
    });
    const revision =
      operation.sync?.revision ?? record.app.spec.source?.targetRevision ?? '';
    recordAppEvent(
      record,
      'OperationCompleted',
      `Sync operation to ${short(revision)} failed: ${outcome.message}`,
      {
        type: 'Warning',
      },
    );
  }

  private appendHistory(
    record: AppRecord,
    operation: Operation,
    desired: RenderedRevision,
    startedAt: string,
    finishedAt: string,
  ): void {
    const history = record.app.status.history ?? [];
    const entry: RevisionHistory = {
      id: history.length > 0 ? history[history.length - 1].id + 1 : 0,
      revision: desired.revision,
      deployedAt: finishedAt,
      deployStartedAt: startedAt,
      ...(operation.sync?.source ?? record.app.spec.source
        ? { source: operation.sync?.source ?? record.app.spec.source }
        : {}),
      ...(operation.initiatedBy ? { initiatedBy: operation.initiatedBy } : {}),
    };
    const limit = record.app.spec.revisionHistoryLimit ?? 10;
    record.app.status.history = [...history, entry].slice(-Math.max(limit, 1));
  }
}
