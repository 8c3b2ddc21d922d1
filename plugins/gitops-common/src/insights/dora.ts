/** DORA's performance bands (State of DevOps 2023); each definition says where they end. */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

export type DoraBucketSize = 'day' | 'week' | 'month';

/** One bucket of a DORA series: it starts at local midnight of `label` in the report's time zone. */
export interface DoraBucket {
  /** RFC 3339 instant the bucket starts. */
  start: string;
  /** The local date it starts on, `YYYY-MM-DD`. */
  label: string;
}

/** Answer of `GET /metrics/dora`: the four keys over production-tier environments. */
export interface DoraReport {
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
