import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ApplicationSummary,
  RuntimeError,
} from '@slipway/plugin-gitops-common';
import { ApplicationSnapshot } from './ApplicationSnapshot';
import { ArgoCdClient } from './ArgoCdClient';
import { RuntimeRequestError } from './errors';
import { parseApplication, RuntimeContext, toSummary } from './normalise';
import { RuntimeState } from './RuntimeState';

interface CachedSnapshot {
  fetchedAt: number;
  resourceVersion?: string;
  skipped: number;
  items: ApplicationSummary[];
}

export interface SnapshotRead {
  snapshot?: ApplicationSnapshot;
  error?: RuntimeError;
}

/**
 * The application list of one runtime. Reads never wait for a runtime that already has a snapshot;
 * a cold read waits for at most one (shared) upstream list request. The decoded list is shared with
 * other backend replicas through the cache service.
 */
export class RuntimeApplications {
  private snapshot?: ApplicationSnapshot;
  private inFlight?: Promise<void>;
  /** When the last failed load ended; cold reads do not retry before the next refresh. */
  private failedAt = 0;
  private readonly cacheKey: string;
  private readonly metaKey: string;
  private readonly listeners = new Set<
    (snapshot: ApplicationSnapshot) => void
  >();

  constructor(
    private readonly client: ArgoCdClient,
    private readonly ctx: RuntimeContext,
    private readonly state: RuntimeState,
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly refreshIntervalMs: number,
  ) {
    this.cacheKey = `applications:${ctx.runtime}`;
    this.metaKey = `applications-meta:${ctx.runtime}`;
  }

  get defaultNamespace(): string {
    return this.ctx.defaultNamespace;
  }

  current(): ApplicationSnapshot | undefined {
    return this.snapshot;
  }

  /** Called with every new full snapshot (after a list load or adopting one from the cache). */
  onSnapshot(listener: (snapshot: ApplicationSnapshot) => void): void {
    this.listeners.add(listener);
  }

  /** The snapshot for a read request, loading it first only when there is none yet. */
  async read(): Promise<SnapshotRead> {
    const retryDue = Date.now() - this.failedAt >= this.refreshIntervalMs;
    if (!this.snapshot && retryDue) {
      await this.load(true).catch(() => undefined);
    }
    return {
      snapshot: this.snapshot,
      error: this.state.error('applications'),
    };
  }

  /** Scheduled refresh: adopt a fresher snapshot another replica stored, else list upstream. */
  refresh(): Promise<void> {
    return this.load(false);
  }

  /** Applies one application as Argo CD reported it (stream event, action answer). */
  upsertRaw(raw: unknown): ApplicationSummary | undefined {
    const app = parseApplication(raw);
    if (!app) return undefined;
    const summary = toSummary(this.ctx, app);
    this.upsert(summary);
    return summary;
  }

  upsert(summary: ApplicationSummary): void {
    const previous = this.snapshot?.get(summary.namespace, summary.name);
    if (
      previous?.revisionMessage &&
      previous.sync.revision === summary.sync.revision
    ) {
      summary.revisionMessage = previous.revisionMessage;
    }
    this.snapshot?.upsert(summary);
  }

  remove(namespace: string, name: string): void {
    this.snapshot?.remove(namespace, name);
  }

  private load(coldRead: boolean): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.loadOnce(coldRead).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async loadOnce(coldRead: boolean): Promise<void> {
    const cached = await this.readCache(coldRead);
    if (cached) {
      this.adopt(new ApplicationSnapshot(cached));
      return;
    }
    try {
      const list = await this.client.listApplications();
      if (list.skipped > 0) {
        this.logger.warn(
          `Runtime '${this.ctx.runtime}': skipped ${list.skipped} applications with an unusable shape`,
        );
      }
      const snapshot = new ApplicationSnapshot({
        items: list.items.map(app => toSummary(this.ctx, app)),
        fetchedAt: Date.now(),
        resourceVersion: list.resourceVersion,
        skipped: list.skipped,
      });
      this.state.succeeded('applications');
      this.failedAt = 0;
      this.adopt(snapshot);
      await this.writeCache(snapshot);
    } catch (error) {
      this.failedAt = Date.now();
      if (error instanceof RuntimeRequestError) {
        this.state.failed('applications', error);
        this.logger.warn(error.message);
      }
      throw error;
    }
  }

  private adopt(snapshot: ApplicationSnapshot) {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  /**
   * A cached snapshot worth adopting: on a cold read any one (a refresh follows), on a refresh only
   * one newer than ours and younger than the refresh interval (another replica just listed).
   */
  private async readCache(
    coldRead: boolean,
  ): Promise<CachedSnapshot | undefined> {
    try {
      const meta = await this.cache.get<{ fetchedAt: number }>(this.metaKey);
      if (!meta) return undefined;
      const fresh = Date.now() - meta.fetchedAt < this.refreshIntervalMs;
      const newer = meta.fetchedAt > (this.snapshot?.fetchedAt ?? 0);
      if (!(coldRead && !this.snapshot) && !(fresh && newer)) return undefined;
      const cached = await this.cache.get<JsonObject>(this.cacheKey);
      return cached as unknown as CachedSnapshot | undefined;
    } catch (error) {
      this.logger.warn(
        `Runtime '${this.ctx.runtime}': could not read the application cache: ${error}`,
      );
      return undefined;
    }
  }

  private async writeCache(snapshot: ApplicationSnapshot) {
    const ttl = Math.max(10 * this.refreshIntervalMs, 10 * 60_000);
    const value: CachedSnapshot = {
      fetchedAt: snapshot.fetchedAt,
      resourceVersion: snapshot.resourceVersion,
      skipped: snapshot.skipped,
      items: snapshot.items(),
    };
    try {
      await this.cache.set(this.cacheKey, value as unknown as JsonObject, {
        ttl,
      });
      await this.cache.set(
        this.metaKey,
        { fetchedAt: snapshot.fetchedAt },
        { ttl },
      );
    } catch (error) {
      this.logger.warn(
        `Runtime '${this.ctx.runtime}': could not write the application cache: ${error}`,
      );
    }
  }
}
