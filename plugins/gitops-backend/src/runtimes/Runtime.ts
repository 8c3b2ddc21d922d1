import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ApplicationActionResult,
  ApplicationDetail,
  ApplicationEventsFilter,
  ApplicationEventsResponse,
  ApplicationSummary,
  HistoryEntry,
  ManagedResourcesResponse,
  RevisionMetadata,
  RuntimeCluster,
  RuntimeComponents,
  RuntimeHealth,
  SyncApplicationRequest,
} from '@slipway/plugin-gitops-common';
import { countApplications } from '../domain/applications';
import { ApplicationStream } from './ApplicationStream';
import { ArgoCdClient, toSyncBody } from './ArgoCdClient';
import { RuntimeClock, systemClock } from './clock';
import {
  DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
  DEFAULT_RESYNC_INTERVAL_SECONDS,
  RuntimeConfig,
} from './config';
import { RuntimeRequestError } from './errors';
import { KubernetesComponents } from './kubernetesComponents';
import {
  historyOf,
  ResourceTreeRead,
  RuntimeContext,
  toDetail,
  toSummary,
} from './normalise';
import { toApplicationEvents, toManagedResources } from './resourceInspection';
import { RevisionMetadataLoader } from './RevisionMetadataLoader';
import { RuntimeApplications } from './RuntimeApplications';
import { RuntimeState } from './RuntimeState';

/** Commit messages found are applied in batches this size: each batch re-encodes the list once. */
const REVISION_MESSAGES_PER_BATCH = 50;
/** The lookup waits this long after a list or change, so it never competes with a cold load. */
const REVISION_MESSAGES_DELAY_MS = 1_000;

interface HealthProbe {
  version?: string;
  /** When the version was last asked (clock time); it changes only on an upgrade. */
  versionAt?: number;
  clusters: RuntimeCluster[];
  components?: RuntimeComponents;
  checkedAt: string;
  /** Clock time of the probe, for spacing the next one. */
  at: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function connectionStatus(value: string | undefined) {
  return value === 'Successful' || value === 'Failed' ? value : 'Unknown';
}

/** One Argo CD runtime: its client, application snapshot, stream, health and actions. */
export class Runtime {
  readonly config: RuntimeConfig;
  readonly applications: RuntimeApplications;
  private readonly client: ArgoCdClient;
  private readonly state = new RuntimeState();
  private readonly stream: ApplicationStream;
  private readonly components?: KubernetesComponents;
  private readonly revisions: RevisionMetadataLoader;
  private readonly ctx: RuntimeContext;
  private probe?: HealthProbe;
  private probing?: Promise<void>;
  private readonly revisionsTried = new Set<string>();
  /** Commit messages found so far, by revision: every new snapshot gets them at once. */
  private readonly revisionMessages = new Map<string, string>();
  private revisionTimer?: unknown;
  private revisionsLoading = false;
  private stopped = false;
  private readonly clock: RuntimeClock;
  private readonly resyncMs: number;
  private readonly healthCheckMs: number;

  constructor(
    config: RuntimeConfig,
    cache: CacheService,
    logger: LoggerService,
    clock: RuntimeClock = systemClock,
  ) {
    this.config = config;
    this.clock = clock;
    this.resyncMs =
      (config.resyncIntervalSeconds ?? DEFAULT_RESYNC_INTERVAL_SECONDS) * 1000;
    this.healthCheckMs =
      (config.healthCheckIntervalSeconds ??
        DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS) * 1000;
    this.client = new ArgoCdClient(config);
    this.ctx = {
      runtime: config.name,
      uiUrl: config.uiUrl,
      defaultNamespace: config.kubernetes?.namespace ?? 'argocd',
    };
    this.applications = new RuntimeApplications(
      this.client,
      this.ctx,
      this.state,
      cache,
      logger,
      config.refreshIntervalSeconds * 1000,
      { clock, retry: config.retry },
    );
    this.stream = new ApplicationStream(this.client, this.applications, logger);
    this.revisions = new RevisionMetadataLoader(this.client, cache);
    if (config.kubernetes) {
      this.components = new KubernetesComponents(
        config.kubernetes,
        config.timeoutMs,
      );
    }
    this.applications.onSnapshot(snapshot => {
      snapshot.setRevisionMessages(this.revisionMessages);
      this.scheduleRevisionMessages();
    });
    // An app synced to a new revision (stream event, action) gets its message without a full list.
    this.applications.onUpsert(app => {
      const revision = app.sync.revision;
      if (revision && !this.revisionsTried.has(revision)) {
        this.scheduleRevisionMessages();
      }
    });
  }

  get name(): string {
    return this.config.name;
  }

  /** Starts the watch stream (after the first snapshot exists it connects; it retries on its own). */
  start(): void {
    this.stopped = false;
    this.stream.start();
  }

  stop(): void {
    this.stopped = true;
    this.stream.stop();
    this.applications.stop();
    this.clock.clearTimeout(this.revisionTimer);
  }

  /**
   * The scheduled work: reload the application list unless the watch stream keeps it fresh (then
   * only the slow safety resync), and check health unless a healthy runtime was checked recently.
   */
  async refresh(): Promise<void> {
    await Promise.allSettled([
      this.listDue() ? this.applications.refresh() : undefined,
      this.healthDue() ? this.checkHealth() : undefined,
    ]);
  }

  private listDue(): boolean {
    const snapshot = this.applications.current();
    if (!snapshot || this.stream.mode !== 'stream') return true;
    return this.clock.now() - snapshot.fetchedAt >= this.resyncMs;
  }

  private healthDue(): boolean {
    if (!this.probe || this.state.failure('health')) return true;
    return this.clock.now() - this.probe.at >= this.healthCheckMs;
  }

  async health(): Promise<RuntimeHealth> {
    const [read] = await Promise.all([
      this.applications.read(),
      this.probe ? undefined : this.checkHealth(),
    ]);
    const probe = this.probe;
    const health: RuntimeHealth = {
      name: this.config.name,
      title: this.config.title,
      uiUrl: this.config.uiUrl,
      reachable: this.state.reachable,
      clusters: probe?.clusters ?? [],
      applications: countApplications(read.snapshot?.items() ?? []),
      freshness: { mode: this.stream.mode, ...this.stream.health },
      recentErrors: this.state.recentErrors,
      checkedAt: probe?.checkedAt ?? new Date().toISOString(),
    };
    if (probe?.version) health.version = probe.version;
    if (probe?.components) health.components = probe.components;
    if (read.snapshot) {
      health.freshness.snapshotAt = new Date(
        read.snapshot.fetchedAt,
      ).toISOString();
    }
    const lastError = this.state.lastError;
    if (lastError) health.lastError = lastError;
    return health;
  }

  /** The failure to report in a fan-out `errors` list, if this runtime is failing. */
  healthError() {
    const lastError = this.state.lastError;
    return (
      lastError && {
        runtime: lastError.runtime,
        kind: lastError.kind,
        message: lastError.message,
      }
    );
  }

  async application(
    namespace: string,
    name: string,
  ): Promise<ApplicationDetail> {
    const [app, tree] = await Promise.all([
      this.client
        .getApplication(namespace, name)
        .catch(e => this.rethrow(e, 'read', namespace, name)),
      this.client.getResourceTree(namespace, name).then(
        (t): ResourceTreeRead => ({ tree: t }),
        (e): ResourceTreeRead => ({
          error: `Argo CD did not answer: ${errorMessage(e)}`,
        }),
      ),
    ]);
    const summary = toSummary(this.ctx, app);
    this.applications.upsert(summary);
    const detail = toDetail(this.ctx, app, tree);
    const known = this.applications.current()?.get(namespace, name);
    if (known?.revisionMessage) detail.revisionMessage = known.revisionMessage;
    return detail;
  }

  /** Argo CD's deployment history of one application, newest first (no resource tree asked). */
  async history(namespace: string, name: string): Promise<HistoryEntry[]> {
    const app = await this.client
      .getApplication(namespace, name)
      .catch(e => this.rethrow(e, 'read', namespace, name));
    return historyOf(app);
  }

  async revisionMetadata(
    namespace: string,
    name: string,
    revision: string,
    sourceIndex?: number,
  ): Promise<RevisionMetadata> {
    const source = this.applications.current()?.get(namespace, name)?.sources[
      sourceIndex ?? 0
    ];
    try {
      return await this.revisions.load(
        { namespace, name, sourceIndex },
        revision,
        source,
      );
    } catch (error) {
      return this.rethrow(error, 'read revisions of', namespace, name);
    }
  }

  async sync(
    namespace: string,
    name: string,
    request: SyncApplicationRequest,
  ): Promise<ApplicationActionResult> {
    const app = await this.client
      .syncApplication(namespace, name, toSyncBody(request))
      .catch(e => this.rethrow(e, 'sync', namespace, name));
    const summary = toSummary(this.ctx, app);
    this.applications.upsert(summary);
    return { action: 'sync', application: summary };
  }

  async managedResources(
    namespace: string,
    name: string,
  ): Promise<ManagedResourcesResponse> {
    const raw = await this.client
      .getManagedResources(namespace, name)
      .catch(e => this.rethrow(e, 'read resources of', namespace, name));
    return { items: toManagedResources(raw) };
  }

  async events(
    namespace: string,
    name: string,
    filter: ApplicationEventsFilter,
  ): Promise<ApplicationEventsResponse> {
    const raw = await this.client
      .listEvents(namespace, name, filter)
      .catch(e => this.rethrow(e, 'read events of', namespace, name));
    return { items: toApplicationEvents(raw) };
  }

  async refreshApplication(
    namespace: string,
    name: string,
    hard: boolean,
  ): Promise<ApplicationActionResult> {
    const app = await this.client
      .getApplication(namespace, name, hard ? 'hard' : 'normal')
      .catch(e => this.rethrow(e, 'refresh', namespace, name));
    const summary = toSummary(this.ctx, app);
    this.applications.upsert(summary);
    return { action: 'refresh', application: summary };
  }

  private checkHealth(): Promise<void> {
    if (!this.probing) {
      this.probing = this.probeOnce().finally(() => {
        this.probing = undefined;
      });
    }
    return this.probing;
  }

  private async probeOnce(): Promise<void> {
    const now = this.clock.now();
    const previous = this.probe;
    const askVersion =
      previous?.versionAt === undefined ||
      now - previous.versionAt >= this.resyncMs;
    const [version, clusters, components] = await Promise.allSettled([
      askVersion ? this.client.getVersion() : { Version: previous?.version },
      this.client.listClusters(),
      this.components?.read(),
    ]);
    const failure = [version, clusters].find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failure && failure.reason instanceof RuntimeRequestError) {
      this.state.failed('health', failure.reason);
    } else if (!failure) {
      this.state.succeeded('health');
    }
    this.probe = {
      version:
        version.status === 'fulfilled'
          ? version.value.Version
          : this.probe?.version,
      versionAt:
        askVersion && version.status === 'fulfilled'
          ? now
          : previous?.versionAt,
      at: now,
      clusters:
        clusters.status === 'fulfilled'
          ? clusters.value.items.map(c => {
              const state = c.info?.connectionState ?? c.connectionState;
              const cluster: RuntimeCluster = {
                name: c.name ?? c.server,
                server: c.server,
                connectionStatus: connectionStatus(state?.status),
              };
              const serverVersion = c.info?.serverVersion ?? c.serverVersion;
              if (state?.message) cluster.message = state.message;
              if (serverVersion) cluster.serverVersion = serverVersion;
              if (c.info?.applicationsCount !== undefined) {
                cluster.applicationsCount = c.info.applicationsCount;
              }
              const synced = c.info?.cacheInfo?.lastCacheSyncTime;
              if (synced) cluster.lastCacheSyncTime = synced;
              return cluster;
            })
          : this.probe?.clusters ?? [],
      components:
        components.status === 'fulfilled' ? components.value : undefined,
      checkedAt: new Date(now).toISOString(),
    };
  }

  /** Looks up commit messages soon, unless a lookup is already due or running. */
  private scheduleRevisionMessages() {
    if (this.revisionTimer !== undefined || this.revisionsLoading) return;
    this.revisionTimer = this.clock.setTimeout(() => {
      this.revisionTimer = undefined;
      void this.loadRevisionMessages();
    }, REVISION_MESSAGES_DELAY_MS);
  }

  /**
   * Looks up the commit message of every synced revision not yet tried, so text search can match
   * them: one request at a time (Argo CD calls it expensive), each revision once (the loader caches
   * by repository and revision for every replica), stopped at the first failure so it never
   * competes with a struggling runtime.
   */
  private async loadRevisionMessages() {
    const snapshot = this.applications.current();
    if (!snapshot) return;
    const todo = new Map<string, ApplicationSummary>();
    for (const app of snapshot.items()) {
      const revision = app.sync.revision;
      if (
        !revision ||
        app.revisionMessage ||
        app.sources.length !== 1 ||
        app.sources[0].chart ||
        this.revisionsTried.has(revision)
      ) {
        continue;
      }
      if (!todo.has(revision)) todo.set(revision, app);
    }
    if (this.revisionsTried.size + todo.size > 20_000) {
      this.revisionsTried.clear();
      this.revisionMessages.clear();
    }
    this.revisionsLoading = true;
    let failed = false;
    // Applied in batches, so the list changes (and is re-encoded) once per batch, not per commit.
    let messages = new Map<string, string>();
    const apply = () => {
      if (messages.size > 0) {
        this.applications.current()?.setRevisionMessages(messages);
        messages = new Map();
      }
    };
    try {
      for (const [revision, app] of todo) {
        if (this.stopped) break;
        this.revisionsTried.add(revision);
        const metadata = await this.revisions
          .load(app, revision, app.sources[0])
          .catch(() => undefined);
        if (!metadata) {
          // Tried again at the next list or change.
          this.revisionsTried.delete(revision);
          failed = true;
          break;
        }
        if (metadata.message) {
          messages.set(revision, metadata.message);
          this.revisionMessages.set(revision, metadata.message);
        }
        if (messages.size >= REVISION_MESSAGES_PER_BATCH) apply();
      }
    } finally {
      apply();
      this.revisionsLoading = false;
    }
    // A newer list may have brought revisions this round did not know.
    if (!failed && this.applications.current() !== snapshot) {
      this.scheduleRevisionMessages();
    }
  }

  /** Maps a runtime failure on a single-application call to the error the user should see. */
  private rethrow(
    error: unknown,
    action: string,
    namespace: string,
    name: string,
  ): never {
    if (!(error instanceof RuntimeRequestError)) throw error;
    const ref = `${namespace}/${name}`;
    const where = `runtime '${this.config.name}'`;
    const upstream = error.upstreamMessage ?? 'no details';
    const snapshot = this.applications.current();
    const known = snapshot?.get(namespace, name);
    // Argo CD answers 403 for a missing app, to hide whether it exists.
    if (error.status === 404 || (error.status === 403 && !known)) {
      throw new NotFoundError(`Application '${ref}' not found in ${where}`);
    }
    if (error.status === 403) {
      throw new NotAllowedError(
        `${where} refused to ${action} '${ref}': ${upstream}`,
      );
    }
    if (error.status === 400 || error.status === 409) {
      if (/in progress|deleting|auto-sync|sync window/i.test(upstream)) {
        throw new ConflictError(
          `Cannot ${action} '${ref}' in ${where}: ${upstream}`,
        );
      }
      throw new InputError(
        `Cannot ${action} '${ref}' in ${where}: ${upstream}`,
      );
    }
    throw new ServiceUnavailableError(error.message);
  }
}
