/** `apiVersion` of every document in the delivery repository. */
export const DELIVERY_API_VERSION = 'slipway.dev/v1alpha1';

export type EnvironmentTier = 'production' | 'non-production';

/** Where applications of an environment run: one Argo CD runtime, one cluster, some namespaces. */
export interface EnvironmentTarget {
  /** A runtime name from app-config `gitops.runtimes`. */
  runtime: string;
  /** Argo CD cluster name (e.g. `in-cluster`) or server URL. */
  cluster: string;
  /** Destination namespaces; empty means every namespace of the cluster. */
  namespaces: string[];
}

/** A fixed period in which promotions into the environment are held. */
export interface FixedFreezeWindow {
  /** RFC 3339 start, inclusive. */
  start: string;
  /** RFC 3339 end, exclusive. */
  end: string;
  reason?: string;
}

/**
 * A freeze that comes back on a schedule, e.g. every weekend: each window starts when the cron
 * schedule fires in `timeZone` and lasts `duration` on that zone's wall clock, so "Friday 18:00
 * for 60h" ends Monday 06:00 local time also on a weekend the clocks change.
 */
export interface RecurringFreezeWindow {
  /** A 5-field cron expression (minute hour day-of-month month day-of-week), e.g. `0 18 * * 5`. */
  schedule: string;
  /** How long each window lasts, in the gate duration format, e.g. `60h` or `2d12h` (at most 30 days). */
  duration: string;
  /** IANA time zone the schedule is read in, e.g. `Europe/Berlin`. */
  timeZone: string;
  reason?: string;
}

/** A period in which promotions into the environment are held: fixed dates or a schedule. */
export type FreezeWindow = FixedFreezeWindow | RecurringFreezeWindow;

export function isRecurringFreezeWindow(
  window: FreezeWindow,
): window is RecurringFreezeWindow {
  return 'schedule' in window;
}

/** A stage of delivery (`environments/<name>.yaml`). */
export interface Environment {
  name: string;
  /** Defaults to the name. */
  title: string;
  description?: string;
  tier: EnvironmentTier;
  /** Position on pages, lowest first. */
  order: number;
  targets: EnvironmentTarget[];
  freezeWindows: FreezeWindow[];
}
