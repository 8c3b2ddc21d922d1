import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ApplicationSummary,
  RuntimeError,
} from '@slipway/plugin-gitops-common';
import { ApplicationSnapshot, summaryJson } from './ApplicationSnapshot';
import { ArgoCdClient } from './ArgoCdClient';
import { backoffMs, RuntimeClock, systemClock } from './clock';
import { DEFAULT_RETRY } from './config';
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

/** A read of the apps of one name: from the snapshot, or before it exists from a targeted query. */
export interface NamedRead extends SnapshotRead {
  /** The apps Argo CD answered the targeted query with, when there is no snapshot yet. */
  targeted?: ApplicationSummary[];
}

export interface RuntimeApplicationsOptions {
  clock?: RuntimeClock;
  /** Backoff of retries after a failed load (default 1 s doubling up to 30 s). */
  retry?: { initialSeconds: number; maxSeconds: number };
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

/** A cold read may adopt any cached snapshot, a refresh only a fresher one, an upstream load none. */
type LoadKind = 'cold' | 'refresh' | 'upstream';

/**
 * The application list of one runtime. Reads never wait for a runtime that already has a snapshot;
 * a cold read waits for at most one (shared) upstream list request. The decoded list is shared with
 * other backend replicas through the cache service.
 */
export class RuntimeApplications {
  private snapshot?: ApplicationSnapshot;
  private inFlight?: Promise<void>;
  /** Connections of the watch stream so far. */
  private watchConnections = 0;
  /** `watchConnections` when the current snapshot's load began (-1: another replica listed it). */
  private snapshotWatch = 0;
  /** `watchConnections` when the load in flight began. */
  private loadWatch = 0;
  /** Failed loads in a row; a retry is scheduled after each, further off each time. */
  private failures = 0;
  private retryTimer?: unknown;
  private stopped = false;
  private nextRetryAt?: number;
  private readonly clock: RuntimeClock;
  private readonly retry: { initialSeconds: number; maxSeconds: number };
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
  /** Targeted queries of cold reads, by app name: concurrent reads of one name share one. */
  private readonly named = new Map<string, Promise<ApplicationSummary[]>>();
  private readonly listeners = new Set<
    (snapshot: ApplicationSnapshot) => void
  >();
  private readonly upsertListeners = new Set<
    (app: ApplicationSummary) => void
  >();

  constructor(
    private readonly client: ArgoCdClient,
    private readonly ctx: RuntimeContext,
    private readonly state: RuntimeState,
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly refreshIntervalMs: number,
    options: RuntimeApplicationsOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_RETRY;
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

  /** Called with every app applied one at a time (stream event, action answer). */
  onUpsert(listener: (app: ApplicationSummary) => void): void {
    this.upsertListeners.add(listener);
  }

  /**
   * The snapshot for a read request, loading it first only when there is none yet. After a failed
   * load, reads do not ask again: the scheduled retry does.
   */
  async read(): Promise<SnapshotRead> {
    if (!this.snapshot && this.retryTimer === undefined) {
      await this.load('cold').catch(() => undefined);
    }
    return { snapshot: this.snapshot, error: this.error() };
  }

  /**
   * The apps named `name`. Before the snapshot exists this asks Argo CD for just that name (one
   * query shared by concurrent reads) and does not wait for the full list; `warmUp` starts that.
   */
  async readNamed(name: string): Promise<NamedRead> {
    if (this.snapshot || this.retryTimer !== undefined) return this.read();
    let pending = this.named.get(name);
    if (!pending) {
      pending = this.client
        .listApplications(app => toSummary(this.ctx, app), { name })
        .then(list => list.items.filter(app => app.name === name))
        .finally(() => this.named.delete(name));
      this.named.set(name, pending);
    }
    try {
      const targeted = await pending;
      // The full list may have landed meanwhile: from then on, everything comes from it.
      if (this.snapshot) return this.read();
      return { targeted, error: this.error() };
    } catch (error) {
      if (this.snapshot || !(error instanceof RuntimeRequestError)) {
        return this.read();
      }
      return { error: this.error() ?? error.toRuntimeError() };
    }
  }

  /** Starts the full load of a cold runtime in the background (after a targeted read answered). */
  warmUp(): void {
    if (this.snapshot || this.retryTimer !== undefined) return;
    this.load('cold').catch(() => undefined);
  }

  /** The failing load as the `errors` envelope reports it, with when it is tried again. */
  error(): RuntimeError | undefined {
    const error = this.state.error('applications');
    if (!error || this.nextRetryAt === undefined) return error;
    return { ...error, nextRetryAt: new Date(this.nextRetryAt).toISOString() };
  }

  /** The runtime is stopping: no retry is pending or scheduled from now on. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
  }

  private clearRetry(): void {
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.nextRetryAt = undefined;
  }

  /** Scheduled refresh: adopt a fresher snapshot another replica stored, else list upstream. */
  refresh(): Promise<void> {
    return this.load('refresh');
  }

  /**
   * The watch stream has just connected. Argo CD does not replay what changed before a watch began,
   * so a snapshot whose load began before this moment (or that another replica listed) is listed again
   * from Argo CD itself; stream events arriving meanwhile are applied over the new list. A load in
   * flight is checked when it ends.
   */
  streamConnected(): void {
    this.watchConnections += 1;
    if (!this.inFlight) this.relistIfStale();
  }

  private relistIfStale(): void {
    const stale =
      this.watchConnections > 0 &&
      this.snapshot !== undefined &&
      this.snapshotWatch < this.watchConnections;
    if (stale && !this.stopped) this.load('upstream').catch(() => undefined);
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
    for (const listener of this.upsertListeners) listener(summary);
  }

  remove(namespace: string, name: string): void {
    this.snapshot?.remove(namespace, name);
    this.duringLoad?.push({ namespace, name });
  }

  private load(kind: LoadKind): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.loadOnce(kind).finally(() => {
        this.inFlight = undefined;
        // A failed relist is not repeated here (the scheduled retry is), unless the stream reconnected.
        if (kind !== 'upstream' || this.loadWatch < this.watchConnections)
          this.relistIfStale();
      });
    }
    return this.inFlight;
  }

  private async loadOnce(kind: LoadKind): Promise<void> {
    this.duringLoad = [];
    this.loadWatch = this.watchConnections;
    try {
      await this.loadList(kind);
      this.failures = 0;
      this.clearRetry();
    } catch (error) {
      this.scheduleRetry();
      throw error;
    } finally {
      this.duringLoad = undefined;
    }
  }

  /** Tries a failed load again soon instead of at the next scheduled refresh, backing off. */
  private scheduleRetry() {
    this.clock.clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.failures += 1;
    const wait = backoffMs(
      this.failures,
      this.retry.initialSeconds * 1000,
      this.retry.maxSeconds * 1000,
    );
    this.nextRetryAt = this.clock.now() + wait;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.nextRetryAt = undefined;
      this.load(this.snapshot ? 'refresh' : 'cold').catch(() => undefined);
    }, wait);
  }

  private async loadList(kind: LoadKind): Promise<void> {
    const cached = kind === 'upstream' ? undefined : await this.readCache(kind);
    if (cached) {
      // Listed by another replica at some moment we cannot place against our stream's connection.
      this.adopt(cached, -1);
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
        fetchedAt: this.clock.now(),
        resourceVersion: list.resourceVersion,
        skipped: list.skipped,
      });
      this.state.succeeded('applications');
      this.adopt(snapshot, this.loadWatch);
      await this.writeCache(snapshot);
    } catch (error) {
      if (error instanceof RuntimeRequestError) {
        this.state.failed('applications', error);
        this.logger.warn(error.message);
      }
      throw error;
    }
  }

  private adopt(snapshot: ApplicationSnapshot, watch: number) {
    this.snapshotWatch = watch;
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
    kind: 'cold' | 'refresh',
  ): Promise<ApplicationSnapshot | undefined> {
    try {
      const meta = await this.cache.get<{ fetchedAt: number }>(this.metaKey);
      if (!meta) return undefined;
      const fresh = this.clock.now() - meta.fetchedAt < this.refreshIntervalMs;
      const newer = meta.fetchedAt > (this.snapshot?.fetchedAt ?? 0);
      if (!(kind === 'cold' && !this.snapshot) && !(fresh && newer))
        return undefined;
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
