import { rfc3339 } from '../argocd/time';
import type { AppRecord } from './AppRecord';
import type { ApplicationStore } from './ApplicationStore';
import type { SyncLifecycle } from './syncLifecycle';
import type { Timers } from './Timers';

/** How Argo CD reports a source it cannot render. */
export function comparisonErrorMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ${detail}`;
}

/**
 * The comparison half of the application controller: polls each git-backed app's targetRevision, renders
 * the desired state when it moved, and lets the sync lifecycle react to drift.
 */
export class Reconciler {
  private polling = false;

  constructor(
    private readonly store: ApplicationStore,
    private readonly lifecycle: SyncLifecycle,
    private readonly timers: Timers,
    private readonly pollIntervalMs: number,
  ) {}

  start(): void {
    this.timers.after(this.pollIntervalMs, () => this.poll());
  }

  /** One reconcile of one app. `refresh` (GET ?refresh=) always writes a new reconciledAt. */
  async reconcile(
    record: AppRecord,
    refresh = false,
    resolved?: Map<string, Promise<string>>,
  ): Promise<void> {
    const targetRevision = record.app.spec.source?.targetRevision || 'HEAD';
    try {
      const revision = await this.resolve(record, targetRevision, resolved);
      if (
        refresh ||
        record.comparisonError ||
        record.target?.revision !== revision
      ) {
        const rendered = await record.source.render(revision);
        this.store.update(record, r => {
          r.target = rendered;
          r.comparisonError = undefined;
          r.app.status.reconciledAt = rfc3339();
        });
      }
    } catch (error) {
      const message = comparisonErrorMessage(error);
      if (refresh || record.comparisonError !== message) {
        this.store.update(record, r => {
          r.comparisonError = message;
          r.app.status.reconciledAt = rfc3339();
        });
      }
    }
    // Every round, as Argo CD's controller does: a commit that landed while a sync ran is picked up
    // once that sync ends.
    this.lifecycle.considerAutoSync(record);
  }

  /** Within one poll round, apps of the same repository and revision share one `git rev-parse`. */
  private resolve(
    record: AppRecord,
    targetRevision: string,
    resolved: Map<string, Promise<string>> | undefined,
  ): Promise<string> {
    if (!resolved) return record.source.resolve(targetRevision);
    const key = `${record.app.spec.source?.repoURL}@${targetRevision}`;
    let revision = resolved.get(key);
    if (!revision) {
      revision = record.source.resolve(targetRevision);
      resolved.set(key, revision);
    }
    return revision;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const resolved = new Map<string, Promise<string>>();
      for (const record of this.store.all()) {
        if (record.origin === 'git')
          await this.reconcile(record, false, resolved);
      }
    } finally {
      this.polling = false;
      this.timers.after(this.pollIntervalMs, () => this.poll());
    }
  }
}
