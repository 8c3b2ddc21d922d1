import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ApplicationSummary,
  RuntimeError,
} from '@slipway/plugin-gitops-common';
import { ApplicationSnapshot, summaryJson } from './ApplicationSnapshot';
import { ArgoCdClient } from './ArgoCdClient';
import { RuntimeRequestError } from './errors';
import { parseApplication, RuntimeContext, toSummary } from './normalise';
import { RuntimeState } from './RuntimeState';

/**
 * The shared form of a snapshot. The apps travel as one JSON text joined from each app's own
 * serialisation: the cache's generic serialiser never walks 1,000s of objects (a large transient
 * peak of memory), and answering reuses the same texts.
 */
interface CachedSnapshot {
  fetchedAt: number;
  resourceVersion?: string;
  skipped: number;
  items: string;
}

export interface SnapshotRead {
  snapshot?: ApplicationSnapshot;
  error?: RuntimeError;
}

/** Keeps the commit message already looked up for the revision the app is still synced to. */
function keepRevisionMessage(
  known: ApplicationSummary | undefined,
  summary: ApplicationSummary,
): void {
  if (known?.revisionMessage && known.sync.revision === summary.sync.revision) {
    summary.revisionMessage = known.revisionMessage;
  }
}

/**
 * The summary to keep for a freshly listed app: the one already held when nothing changed, so a
 * refresh of a mostly unchanged list allocates little that lives on and keeps each app's JSON.
 */
function unchanged(
  previous: ApplicationSnapshot | undefined,
  summary: ApplicationSummary,
): ApplicationSummary {
  const known = previous?.get(summary.namespace, summary.name);
  if (!known) return summary;
  keepRevisionMessage(known, summary);
  return summaryJson(known) === JSON.stringify(summary) ? known : summary;
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
  /**
   * Stream changes received while a list load is in flight, in order: the loaded list may predate
   * them, so they are applied again over it (else an app's last change waits for the next refresh).
   */
  private duringLoad?: (
    | { summary: ApplicationSummary }
    | { namespace: string; name: string }
  )[];
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
    this.cacheKey = `applications-json:${ctx.runtime}`;
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
    keepRevisionMessage(
      this.snapshot?.get(summary.namespace, summary.name),
      summary,
    );
    this.snapshot?.upsert(summary);
    this.duringLoad?.push({ summary });
  }

  remove(namespace: string, name: string): void {
    this.snapshot?.remove(namespace, name);
    this.duringLoad?.push({ namespace, name });
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
    this.duringLoad = [];
    try {
      await this.loadList(coldRead);
    } finally {
      this.duringLoad = undefined;
    }
  }

  private async loadList(coldRead: boolean): Promise<void> {
    const cached = await this.readCache(coldRead);
    if (cached) {
      this.adopt(cached);
      return;
    }
    try {
      // Each app is summarised as it is decoded: the raw list is never held next to the summaries.
      const previous = this.snapshot;
      const list = await this.client.listApplications(app =>
        unchanged(previous, toSummary(this.ctx, app)),
      );
      if (list.skipped > 0) {
        this.logger.warn(
          `Runtime '${this.ctx.runtime}': skipped ${list.skipped} applications with an unusable shape`,
        );
      }
      const snapshot = new ApplicationSnapshot({
        items: list.items,
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
    for (const change of this.duringLoad ?? []) {
      if ('summary' in change) snapshot.upsert(change.summary);
      else snapshot.remove(change.namespace, change.name);
    }
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  /**
   * A cached snapshot worth adopting: on a cold read any one (a refresh follows), on a refresh only
   * one newer than ours and younger than the refresh interval (another replica just listed).
   */
  private async readCache(
    coldRead: boolean,
  ): Promise<ApplicationSnapshot | undefined> {
    try {
      const meta = await this.cache.get<{ fetchedAt: number }>(this.metaKey);
      if (!meta) return undefined;
      const fresh = Date.now() - meta.fetchedAt < this.refreshIntervalMs;
      const newer = meta.fetchedAt > (this.snapshot?.fetchedAt ?? 0);
      if (!(coldRead && !this.snapshot) && !(fresh && newer)) return undefined;
      const cached = (await this.cache.get<JsonObject>(this.cacheKey)) as
        | CachedSnapshot
        | undefined;
      if (!cached || typeof cached.items !== 'string') return undefined;
      return new ApplicationSnapshot({
        ...cached,
        items: JSON.parse(cached.items) as ApplicationSummary[],
      });
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
      items: `[${snapshot.items().map(summaryJson).join(',')}]`,
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
