/**
 * The parts of the Argo CD v1alpha1 Application JSON (as the Argo CD REST API returns it) the simulator
 * produces. Field names follow swagger `v1alpha1Application`; optional fields are left out when empty.
 */

/** @public */
export type HealthStatusCode =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** @public */
export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown' | '';

/** @public */
export type OperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Succeeded'
  | 'Failed'
  | 'Error';

/** @public */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** @public */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  [key: string]: unknown;
}

/** @public */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** @public */
export interface SyncPolicy {
  automated?: {
    prune?: boolean;
    selfHeal?: boolean;
    allowEmpty?: boolean;
    enabled?: boolean;
  };
  syncOptions?: string[];
  retry?: Record<string, unknown>;
  [key: string]: unknown;
}

/** @public */
export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  syncPolicy?: SyncPolicy;
  revisionHistoryLimit?: number;
  [key: string]: unknown;
}

export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
  lastTransitionTime?: string;
}

export interface ResourceRef {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: SyncStatusCode;
  health?: HealthStatus;
}

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
  message?: string;
  images?: string[];
  hookPhase?: OperationPhase;
  syncPhase?: 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';
}

export interface OperationInitiator {
  username?: string;
  automated?: boolean;
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  syncOptions?: string[];
  syncStrategy?: Record<string, unknown>;
  resources?: {
    group?: string;
    kind: string;
    name: string;
    namespace?: string;
  }[];
  source?: ApplicationSource;
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  retry?: Record<string, unknown>;
  info?: { name: string; value: string }[];
}

export interface SyncOperationResult {
  revision: string;
  source?: ApplicationSource;
  resources?: ResourceResult[];
}

export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: SyncOperationResult;
}

export interface RevisionHistory {
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt?: string;
  source?: ApplicationSource;
  initiatedBy?: OperationInitiator;
}

export interface ApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ApplicationStatus {
  sync: {
    status: SyncStatusCode;
    revision?: string;
    comparedTo: {
      source: ApplicationSource;
      destination: ApplicationDestination;
    };
  };
  health: HealthStatus;
  history?: RevisionHistory[];
  operationState?: OperationState;
  summary: { images?: string[]; externalURLs?: string[] };
  resources?: ResourceStatus[];
  conditions?: ApplicationCondition[];
  reconciledAt?: string;
  sourceType?: string;
  resourceHealthSource?: string;
  controllerNamespace?: string;
}

/** An Application as the Argo CD REST API serves it (no apiVersion/kind). */
export interface Application {
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status: ApplicationStatus;
  operation?: Operation;
}

/** @public An Application object as written in a seed file (status is computed by the simulator). */
export interface ApplicationSeed {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: ApplicationSpec;
}

export interface RevisionMetadata {
  author?: string;
  date?: string;
  tags?: string[];
  message?: string;
}
