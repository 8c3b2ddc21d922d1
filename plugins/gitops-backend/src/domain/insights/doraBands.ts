import type { DoraBand } from '@slipway/plugin-gitops-common';

// DORA's performance bands, after the State of DevOps report (2023).

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Deployments per day: elite on demand (daily or more), high weekly, medium monthly, low less. */
export function deploymentFrequencyBand(perDay: number): DoraBand {
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

/** Median lead time: elite under a day, high under a week, medium under a month, low longer. */
export function leadTimeBand(seconds: number): DoraBand {
  if (seconds < DAY) return 'elite';
  if (seconds < 7 * DAY) return 'high';
  if (seconds < 30 * DAY) return 'medium';
  return 'low';
}

/** Change failure rate: elite up to 5 %, high up to 10 %, medium up to 15 %, low above. */
export function changeFailureRateBand(rate: number): DoraBand {
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

/** Median time to restore: elite under an hour, high under a day, medium under a week, low longer. */
export function timeToRestoreBand(seconds: number): DoraBand {
  if (seconds < HOUR) return 'elite';
  if (seconds < DAY) return 'high';
  if (seconds < 7 * DAY) return 'medium';
  return 'low';
}

/** What each number means, sent with it so pages show the formula next to the figure. */
export const DORA_DEFINITIONS = {
  deploymentFrequency:
    'Successful deployments of a product to a production-tier environment, per bucket: one per release and environment (applications deployed together count once), or per manifest revision for deployments made outside Slipway. Deployments that failed or were rolled back, and rollbacks themselves, are not counted. Bands by deployments per day over the range: elite ≥ 1 a day, high ≥ 1 a week, medium ≥ 1 a month, low fewer.',
  leadTimeForChanges:
    "Time from a source commit's time to the first time a production deployment carrying it was healthy, per commit (the release notes' commits where known, else the manifest commit, dated when Slipway began writing it); median and 90th percentile. Commits without a known time are left out. Bands by median: elite < 1 day, high < 1 week, medium < 1 month, low longer.",
  changeFailureRate:
    'Production deployments that failed (degraded, failed verification or rolled back), or that were followed in the same product and environment within the change failure window by a rollback before the next deployment, divided by production deployments. Rollbacks and deployments still syncing or superseded are not counted. Bands: elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, low more.',
  timeToRestore:
    'Time from a production deployment turning degraded (or its release step failing) to the product being healthy again in that environment: a healthy deployment, a fix or a rollback landing; median, per incident, counted in the bucket it was restored. Failures while an incident is open join it. Bands by median: elite < 1 hour, high < 1 day, medium < 1 week, low longer.',
} as const;
