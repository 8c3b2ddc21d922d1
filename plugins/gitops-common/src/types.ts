/**
 * The HTTP contract of the Slipway backend (`/api/gitops`): response shapes shared by the backend, the
 * frontend and outside integrators. Every field the backend could not learn from Argo CD is left out
 * rather than guessed.
 */

/** Argo CD health of an application or resource. */
export type HealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** Argo CD sync state; `Unknown` also covers the empty status of an app never compared yet. */
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

/** Phase of an Argo CD operation (sync). */
export type OperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Succeeded'
  | 'Failed'
  | 'Error';

export const HEALTH_STATUSES: readonly HealthStatus[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];
export const SYNC_STATUSES: readonly SyncStatus[] = [
  'Synced',
  'OutOfSync',
  'Unknown',
];

/** Why a runtime did not answer. */
export type RuntimeErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'bad-response';

/** One runtime that failed during a fan-out read; the others still answered. */
export interface RuntimeError {
  runtime: string;
  kind: RuntimeErrorKind;
  message: string;
  /** When the failed read is tried again (ISO 8601), if a retry is scheduled. */
  nextRetryAt?: string;
}

/** Every list response: what the runtimes answered, plus the runtimes that failed. */
export interface ListResponse<T> {
  items: T[];
  errors: RuntimeError[];
}

// ---------------------------------------------------------------------------------------------------
// Runtimes

/** The Argo CD component a workload belongs to (label `app.kubernetes.io/component` or name). */
export type RuntimeComponentName =
  | 'server'
  | 'repo-server'
  | 'application-controller'
  | 'redis'
  | 'applicationset-controller'
  | 'notifications-controller'
  | 'dex-server'
  | 'rollouts-controller';

export interface RuntimeComponent {
  component: RuntimeComponentName;
  /** Kubernetes object name, e.g. `argocd-server`. */
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  /** Readiness by the `kubectl rollout status` rules; `Missing` when the object does not exist. */
  status: HealthStatus;
  ready: boolean;
  desiredReplicas: number;
  readyReplicas: number;
  /** Container restarts summed over the component's pods; absent when its pods could not be read. */
  restarts?: number;
  message?: string;
}

export interface RuntimeComponents {
  /** Components that are ready / components found or expected. */
  ready: number;
  total: number;
  items: RuntimeComponent[];
  /** Set when the Kubernetes API could not be read; `items` is then empty. */
  error?: string;
}

export type ClusterConnectionStatus = 'Successful' | 'Failed' | 'Unknown';

export interface RuntimeCluster {
  name: string;
  server: string;
  connectionStatus: ClusterConnectionStatus;
  message?: string;
  serverVersion?: string;
  applicationsCount?: number;
  lastCacheSyncTime?: string;
}

export interface ApplicationCounts {
  total: number;
  health: Record<HealthStatus, number>;
  sync: Record<SyncStatus, number>;
}

export interface RuntimeLastError extends RuntimeError {
  /** When the error happened (RFC 3339). */
  at: string;
}

export interface RuntimeHealth {
  name: string;
  title: string;
  /** Argo CD UI base URL, for links. */
  uiUrl?: string;
  /** Whether the Argo CD API answered the last time it was asked. */
  reachable: boolean;
  /** Argo CD version from `/api/version`. */
  version?: string;
  /** Component readiness; absent when no Kubernetes access is configured for the runtime. */
  components?: RuntimeComponents;
  clusters: RuntimeCluster[];
  applications: ApplicationCounts;
  /** How the application list is kept fresh. */
  freshness: {
    /** When the application snapshot was last loaded in full (RFC 3339); absent before the first load. */
    snapshotAt?: string;
    /** `stream` while the Argo CD watch stream is connected, else `polling`. */
    mode: 'stream' | 'polling';
    /** Times the watch stream failed (could not connect, broke, or sent an error) since the backend started. */
    streamFailures: number;
    /** Stream frames skipped because they were not JSON or not an application event. */
    malformedFrames: number;
    /** The watch stream's most recent failure. */
    lastStreamError?: string;
  };
  /** Most recent failure of this runtime; kept while it is still failing and cleared once it answers. */
  lastError?: RuntimeLastError;
  /** Failures seen since the backend started, newest first (a bounded few), kept after recovery. */
  recentErrors: RuntimeLastError[];
  /** When this health was computed (RFC 3339). */
  checkedAt: string;
}

// ---------------------------------------------------------------------------------------------------
// Applications

/** Identifies an application across runtimes. */
export interface ApplicationRef {
  runtime: string;
  namespace: string;
  name: string;
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  /** Helm chart name when the source is a Helm repository. */
  chart?: string;
  /** Reference name of a multi-source `ref` source. */
  ref?: string;
  name?: string;
}

export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface ApplicationHealth {
  status: HealthStatus;
  message?: string;
  lastTransitionTime?: string;
}

export interface ApplicationSync {
  status: SyncStatus;
  /** Resolved revision (commit SHA or chart version) of a single-source app. */
  revision?: string;
  /** One revision per source for multi-source apps. */
  revisions?: string[];
}

/** Short state of the last or current operation. */
export interface ApplicationOperationSummary {
  phase: OperationPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ApplicationLinks {
  /** Deep link to the app in the runtime's Argo CD UI. */
  argocd?: string;
  /** External URLs Argo CD found on the app's ingresses and services. */
  external: string[];
}

export interface ApplicationSummary extends ApplicationRef {
  project: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Product the app belongs to (annotation `slipway.dev/product`). */
  product?: string;
  /** Environment the app belongs to (label or annotation `slipway.dev/environment`). */
  environment?: string;
  destination: ApplicationDestination;
  /** `spec.source` or `spec.sources`, always as a list. */
  sources: ApplicationSource[];
  health: ApplicationHealth;
  sync: ApplicationSync;
  autoSync: boolean;
  operation?: ApplicationOperationSummary;
  /** Container images running in the app's live resources. */
  images: string[];
  createdAt?: string;
  /** Commit message of the synced revision, when its metadata has been loaded. */
  revisionMessage?: string;
  links: ApplicationLinks;
}

export interface ResourceRef {
  group: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** A node of the Argo CD resource tree. */
export interface ResourceNode extends ResourceRef {
  parentRefs: ResourceRef[];
  health?: { status: HealthStatus; message?: string };
  /** Sync status, for the top-level managed resources. */
  syncStatus?: SyncStatus;
  info: { name: string; value: string }[];
  images: string[];
  createdAt?: string;
}

export interface HistoryEntry {
  id: number;
  /** Single-source revision. */
  revision?: string;
  /** Multi-source revisions, one per source. */
  revisions?: string[];
  deployedAt?: string;
  deployStartedAt?: string;
  sources: ApplicationSource[];
  initiatedBy?: { username?: string; automated?: boolean };
}

export interface ApplicationCondition {
  type: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface SyncResourceResult {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  hookPhase?: string;
  syncPhase?: string;
}

export interface ApplicationOperationState extends ApplicationOperationSummary {
  /** Revision the operation synced to. */
  revision?: string;
  initiatedBy?: { username?: string; automated?: boolean };
  retryCount?: number;
  resources: SyncResourceResult[];
}

export interface ApplicationDetail extends ApplicationSummary {
  /** Live resource tree (nodes with parents); empty and `resourcesError` set when it could not be read. */
  resources: ResourceNode[];
  /** Why the resource tree is unknown, e.g. "Argo CD did not answer: …"; absent when it was read. */
  resourcesError?: string;
  /** Newest first. */
  history: HistoryEntry[];
  conditions: ApplicationCondition[];
  operationState?: ApplicationOperationState;
  reconciledAt?: string;
  syncOptions: string[];
  /** Tier of the environment the delivery config places the app in; absent when it places it nowhere. */
  environmentTier?: 'production' | 'non-production';
}

/** One managed resource with its desired and live state (Argo CD's managed-resources diff). */
export interface ManagedResourceDiff {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Whether live differs from desired, after Argo CD's normalisation. */
  modified: boolean;
  /** Desired manifest from Git; absent when the resource is only live (it would be pruned). */
  target?: Record<string, unknown>;
  /** Live object, normalised as Argo CD compares it; absent when it does not exist yet. */
  live?: Record<string, unknown>;
  /** Unified diff from live to desired YAML (status and server-set metadata left out), when modified. */
  diff?: string;
}

export interface ManagedResourcesResponse {
  items: ManagedResourceDiff[];
}

/** A Kubernetes event of an application or one of its resources. */
export interface ApplicationEvent {
  type: 'Normal' | 'Warning';
  reason?: string;
  message?: string;
  /** The object the event is about. */
  involvedObject: { kind?: string; namespace?: string; name?: string };
  /** Who reported it, e.g. `argocd-application-controller`. */
  source?: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
}

export interface ApplicationEventsResponse {
  items: ApplicationEvent[];
}

/** Which resource's events to read; without a name, the Application's own events. */
export interface ApplicationEventsFilter {
  resourceNamespace?: string;
  resourceName?: string;
  resourceUID?: string;
}

/** Commit metadata of one revision (`/revisions/{revision}/metadata`). */
export interface RevisionMetadata {
  revision: string;
  author?: string;
  date?: string;
  message?: string;
  tags: string[];
}

// ---------------------------------------------------------------------------------------------------
// Queries and actions

export interface ApplicationFilter {
  runtime?: string;
  /** Exact application name. */
  name?: string;
  product?: string;
  environment?: string;
  health?: HealthStatus;
  sync?: SyncStatus;
  /** Case-insensitive text search over name and revision message. */
  q?: string;
}

/** A resource picked for a partial sync. */
export interface SyncResourceSelector {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface SyncApplicationRequest {
  /** Revision to sync to; defaults to the app's target revision. */
  revision?: string;
  /** Delete live resources that are no longer in Git. */
  prune?: boolean;
  /** Compute what would change without applying it. */
  dryRun?: boolean;
  /** Apply with `--force` (delete and re-create resources that cannot be patched). */
  force?: boolean;
  /** Sync only these resources; all when absent or empty. */
  resources?: SyncResourceSelector[];
}

export interface RefreshApplicationRequest {
  /** Hard refresh also invalidates the manifest cache. */
  hard?: boolean;
}

export interface ApplicationActionResult {
  action: 'sync' | 'refresh';
  application: ApplicationSummary;
}
