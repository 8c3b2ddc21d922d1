/** DORA's performance bands (State of DevOps 2023); each definition says where they end. */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

export type DoraBucketSize = 'day' | 'week' | 'month';

/** Query of `GET /metrics/dora`; every field is optional. */
export interface DoraFilter {
  product?: string;
  /** Catalog ref of the owner group. */
  owner?: string;
  /** One production-tier environment instead of all. */
  environment?: string;
  /** Inclusive start, RFC 3339 or `YYYY-MM-DD`; default 90 days before `to`. */
  from?: string;
  /** Exclusive end, RFC 3339 or `YYYY-MM-DD`; default now. */
  to?: string;
  bucket?: DoraBucketSize;
  /** IANA time zone of the buckets' midnights; default UTC. */
  timeZone?: string;
  /** A bucket's label: the answer lists the deployments behind it. */
  deployments?: string;
}

/** One bucket of a DORA series: it starts at local midnight of `label` in the report's time zone. */
export interface DoraBucket {
  /** RFC 3339 instant the bucket starts. */
  start: string;
  /** The local date it starts on, `YYYY-MM-DD`. */
  label: string;
}

/** The four keys, as the report names them. */
export type DoraKey =
  | 'deploymentFrequency'
  | 'leadTimeForChanges'
  | 'changeFailureRate'
  | 'timeToRestore';

/** One application's production deployment behind a bucket of the report's series. */
export interface DoraDeploymentRow {
  product: string;
  environment: string;
  application: { runtime: string; namespace: string; name: string };
  version?: string;
  revision: string;
  /** The release that made it, or `outside`. */
  releaseId: string;
  releaseKind?: string;
  syncedAt: string;
  healthyAt?: string;
  failedAt?: string;
  /** `syncing`, `healthy`, `degraded`, `rolled-back` or `superseded`. */
  outcome: string;
  /** How many source commits it brought. */
  sourceCommits: number;
  /** The keys whose value in that bucket it counts in. */
  keys: DoraKey[];
  /** Where it counts in the change failure rate: whether it was a failed change. */
  failedChange?: boolean;
}

/** Answer of `GET /metrics/dora`: the four keys over production-tier environments. */
export interface DoraReport {
  /** The bucket label asked for with `deployments=`; absent otherwise. */
  deploymentsOf?: string;
  /** With `deployments=<label>`: the deployments behind that bucket, oldest first. */
  deployments?: DoraDeploymentRow[];
  from: string;
  to: string;
  bucket: DoraBucketSize;
  timeZone: string;
  /** How long after a deployment a rollback still counts as its failure. */
  changeFailureWindowHours: number;
  deploymentFrequency: {
    definition: string;
    deployments: number;
    perDay: number;
    band: DoraBand;
    series: Array<DoraBucket & { deployments: number }>;
  };
  leadTimeForChanges: {
    definition: string;
    commits: number;
    medianSeconds?: number;
    p90Seconds?: number;
    band?: DoraBand;
    series: Array<
      DoraBucket & {
        commits: number;
        medianSeconds?: number;
        p90Seconds?: number;
      }
    >;
  };
  changeFailureRate: {
    definition: string;
    deployments: number;
    failures: number;
    /** 0 to 1; absent without production deployments. */
    rate?: number;
    band?: DoraBand;
    series: Array<
      DoraBucket & { deployments: number; failures: number; rate?: number }
    >;
  };
  timeToRestore: {
    definition: string;
    incidents: number;
    /** Incidents begun before `to` and not restored by then. */
    openIncidents: number;
    medianSeconds?: number;
    band?: DoraBand;
    series: Array<DoraBucket & { incidents: number; medianSeconds?: number }>;
  };
}
