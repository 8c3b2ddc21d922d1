import type {
  ChangeSearchResponse,
  DoraDeploymentRow,
  DoraFilter,
  DoraReport,
} from '@slipway/plugin-gitops-common';

/** The backend's definitions, as `GET /metrics/dora` sends them. */
export const DEFINITIONS = {
  deploymentFrequency:
    'Successful deployments of a product to a production-tier environment, per bucket: one per release and environment (applications deployed together count once). Bands by deployments per day over the range: elite ≥ 1 a day, high ≥ 1 a week, medium ≥ 1 a month, low fewer.',
  leadTimeForChanges:
    "Time from a source commit's time to the first time a production deployment carrying it was healthy, per commit; median and 90th percentile. Bands by median: elite < 1 day, high < 1 week, medium < 1 month, low longer.",
  changeFailureRate:
    'Production deployments that failed (degraded, failed verification or rolled back), or that were followed within the change failure window by a rollback, divided by production deployments. Bands: elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, low more.',
  timeToRestore:
    'Time from a production deployment turning degraded to the product being healthy again in that environment; median, per incident. Bands by median: elite < 1 hour, high < 1 day, medium < 1 week, low longer.',
};

const WEEK_1 = { start: '2026-03-02T00:00:00.000Z', label: '2026-03-02' };
const WEEK_2 = { start: '2026-03-09T00:00:00.000Z', label: '2026-03-09' };

let revision = 0;
function row(
  syncedAt: string,
  overrides: Partial<DoraDeploymentRow> = {},
): DoraDeploymentRow {
  revision++;
  return {
    product: 'payments',
    environment: 'production',
    application: { runtime: 'prod', namespace: 'payments', name: 'pay-api' },
    version: `1.${revision}.0`,
    revision: revision.toString(16).padStart(40, 'a'),
    releaseId: `rel-${revision}`,
    releaseKind: 'flow',
    syncedAt,
    healthyAt: syncedAt.replace(':00:00Z', ':05:00Z'),
    outcome: 'healthy',
    sourceCommits: 2,
    keys: ['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate'],
    failedChange: false,
    ...overrides,
  };
}

/** The production deployments behind each week of `paymentsDora`. */
export const paymentsDeployments: Record<string, DoraDeploymentRow[]> = {
  [WEEK_1.label]: [
    row('2026-03-03T10:00:00Z', {
      version: '1.3.0',
      releaseId: 'rel-bad',
      healthyAt: undefined,
      failedAt: '2026-03-03T10:10:00Z',
      outcome: 'rolled-back',
      keys: ['changeFailureRate', 'timeToRestore'],
      failedChange: true,
    }),
    row('2026-03-03T10:55:00Z', {
      version: '1.2.0',
      releaseId: 'rel-rollback',
      releaseKind: 'rollback',
      keys: ['timeToRestore'],
      failedChange: undefined,
    }),
    row('2026-03-04T09:00:00Z', { version: '1.4.0', releaseId: 'rel-140' }),
    row('2026-03-06T09:00:00Z', { version: '1.5.0', releaseId: 'rel-150' }),
  ],
  [WEEK_2.label]: [
    row('2026-03-09T09:00:00Z', { version: '1.6.0', releaseId: 'rel-160' }),
    row('2026-03-10T09:00:00Z', {
      version: '1.7.0',
      releaseId: 'outside',
      releaseKind: undefined,
    }),
    row('2026-03-11T09:00:00Z', { version: '1.8.0', releaseId: 'rel-180' }),
    row('2026-03-12T09:00:00Z', {
      version: '1.9.0',
      releaseId: 'rel-190',
      application: {
        runtime: 'prod',
        namespace: 'payments',
        name: 'pay-worker',
      },
    }),
  ],
};

/**
 * Two weeks of payments in production: 6 deployments (high), lead time median 1.5 hours and p90 2
 * days (elite), 1 of 7 changes failed (medium), one incident restored in 45 minutes (elite).
 */
export function paymentsDora(filter: DoraFilter = {}): DoraReport {
  return {
    ...(filter.deployments
      ? {
          deploymentsOf: filter.deployments,
          deployments: paymentsDeployments[filter.deployments] ?? [],
        }
      : {}),
    from: '2026-03-02T00:00:00.000Z',
    to: '2026-03-16T00:00:00.000Z',
    bucket: filter.bucket ?? 'week',
    timeZone: filter.timeZone ?? 'UTC',
    changeFailureWindowHours: 24,
    deploymentFrequency: {
      definition: DEFINITIONS.deploymentFrequency,
      deployments: 6,
      perDay: 6 / 14,
      band: 'high',
      series: [
        { ...WEEK_1, deployments: 2 },
        { ...WEEK_2, deployments: 4 },
      ],
    },
    leadTimeForChanges: {
      definition: DEFINITIONS.leadTimeForChanges,
      commits: 9,
      medianSeconds: 5400,
      p90Seconds: 172_800,
      band: 'elite',
      series: [
        { ...WEEK_1, commits: 3, medianSeconds: 3600, p90Seconds: 7200 },
        { ...WEEK_2, commits: 6, medianSeconds: 7200, p90Seconds: 172_800 },
      ],
    },
    changeFailureRate: {
      definition: DEFINITIONS.changeFailureRate,
      deployments: 7,
      failures: 1,
      rate: 1 / 7,
      band: 'medium',
      series: [
        { ...WEEK_1, deployments: 3, failures: 1, rate: 1 / 3 },
        { ...WEEK_2, deployments: 4, failures: 0, rate: 0 },
      ],
    },
    timeToRestore: {
      definition: DEFINITIONS.timeToRestore,
      incidents: 1,
      openIncidents: 0,
      medianSeconds: 2700,
      band: 'elite',
      series: [
        { ...WEEK_1, incidents: 1, medianSeconds: 2700 },
        { ...WEEK_2, incidents: 0 },
      ],
    },
  };
}

/** What the backend answers for a range without production deployments. */
export function emptyDora(filter: DoraFilter = {}): DoraReport {
  const full = paymentsDora(filter);
  return {
    ...full,
    ...(filter.deployments ? { deployments: [] } : {}),
    deploymentFrequency: {
      ...full.deploymentFrequency,
      deployments: 0,
      perDay: 0,
      band: 'low',
      series: full.deploymentFrequency.series.map(b => ({
        ...b,
        deployments: 0,
      })),
    },
    leadTimeForChanges: {
      definition: DEFINITIONS.leadTimeForChanges,
      commits: 0,
      series: [
        { ...WEEK_1, commits: 0 },
        { ...WEEK_2, commits: 0 },
      ],
    },
    changeFailureRate: {
      definition: DEFINITIONS.changeFailureRate,
      deployments: 0,
      failures: 0,
      series: [
        { ...WEEK_1, deployments: 0, failures: 0 },
        { ...WEEK_2, deployments: 0, failures: 0 },
      ],
    },
    timeToRestore: {
      definition: DEFINITIONS.timeToRestore,
      incidents: 0,
      openIncidents: 0,
      series: [
        { ...WEEK_1, incidents: 0 },
        { ...WEEK_2, incidents: 0 },
      ],
    },
  };
}

/** `GET /changes?q=PAY-123`: in staging and production of payments, not yet in production-us. */
export const pay123: ChangeSearchResponse = {
  query: 'PAY-123',
  kind: 'issue',
  releases: [
    {
      id: 'rel-180',
      product: 'payments',
      version: '1.8.0',
      status: 'succeeded',
      createdAt: '2026-03-11T08:30:00Z',
    },
  ],
  environments: [
    {
      product: 'payments',
      environment: 'staging',
      deployed: true,
      since: '2026-03-10T14:00:00Z',
      releaseId: 'outside',
      version: '1.8.0',
      outcome: 'healthy',
    },
    {
      product: 'payments',
      environment: 'production',
      deployed: true,
      since: '2026-03-11T09:05:00Z',
      releaseId: 'rel-180',
      version: '1.8.0',
      outcome: 'healthy',
    },
    { product: 'payments', environment: 'production-us', deployed: false },
  ],
};
