import type { Deployment } from './deployments';
import { computeDora, DoraInput } from './dora';

const HOUR = 3_600_000;

let revision = 0;
/** One healthy production deployment of payments' API by release r<n>, unless told otherwise. */
function deployed(
  syncedAt: string,
  overrides: Partial<Deployment> = {},
): Deployment {
  revision++;
  return {
    product: 'payments',
    environment: 'production',
    application: { runtime: 'prod', namespace: 'pay', name: 'pay-api' },
    version: `1.${revision}.0`,
    revision: revision.toString(16).padStart(40, '0'),
    sourceCommits: [],
    syncedAt,
    healthyAt: syncedAt,
    releaseId: `r${revision}`,
    releaseKind: 'flow',
    outcome: 'healthy',
    ...overrides,
  };
}

function dora(deployments: Deployment[], overrides: Partial<DoraInput> = {}) {
  return computeDora({
    deployments,
    from: new Date('2026-03-02T00:00:00Z'),
    to: new Date('2026-03-16T00:00:00Z'),
    bucket: 'week',
    timeZone: 'UTC',
    changeFailureWindowMs: 24 * HOUR,
    ...overrides,
  });
}

describe('DORA metrics', () => {
  it('with no production deployments: none deployed, no lead time, no failure rate, nothing to restore', () => {
    const report = dora([]);
    expect(report.deploymentFrequency).toMatchObject({
      deployments: 0,
      perDay: 0,
      band: 'low',
      series: [
        { label: '2026-03-02', deployments: 0 },
        { label: '2026-03-09', deployments: 0 },
      ],
    });
    expect(report.leadTimeForChanges).toEqual({
      definition: expect.stringContaining('source commit'),
      commits: 0,
      series: [
        { start: '2026-03-02T00:00:00.000Z', label: '2026-03-02', commits: 0 },
        { start: '2026-03-09T00:00:00.000Z', label: '2026-03-09', commits: 0 },
      ],
    });
    expect(report.changeFailureRate).not.toHaveProperty('rate');
    expect(report.changeFailureRate).not.toHaveProperty('band');
    expect(report.changeFailureRate.deployments).toBe(0);
    expect(report.timeToRestore).toMatchObject({
      incidents: 0,
      openIncidents: 0,
    });
    expect(report.timeToRestore).not.toHaveProperty('medianSeconds');
  });

  it('counts applications deployed together once, per day rate banded', () => {
    const together = [
      deployed('2026-03-02T10:00:00Z', { releaseId: 'big' }),
      deployed('2026-03-02T10:01:00Z', {
        releaseId: 'big',
        application: { runtime: 'prod', namespace: 'pay', name: 'pay-worker' },
      }),
    ];
    const daily = Array.from({ length: 13 }, (_, i) =>
      deployed(`2026-03-${String(i + 3).padStart(2, '0')}T09:00:00Z`),
    );
    const report = dora([...together, ...daily]);
    expect(report.deploymentFrequency).toMatchObject({
      deployments: 14,
      perDay: 1,
      band: 'elite',
    });
    expect(report.deploymentFrequency.series.map(b => b.deployments)).toEqual([
      7, 7,
    ]);
  });

  it('pins lead time per commit: median and p90, each commit once at its first healthy deployment', () => {
    const commit = (sha: string, hoursBefore: number, healthy: string) => ({
      sha,
      time: new Date(Date.parse(healthy) - hoursBefore * HOUR).toISOString(),
    });
    const first = '2026-03-03T12:00:00Z';
    const second = '2026-03-10T12:00:00Z';
    const report = dora([
      deployed(first, {
        sourceCommits: [commit('a', 1, first), commit('b', 2, first)],
      }),
      // The same commits reach a second production environment later: still counted from the first.
      deployed('2026-03-04T12:00:00Z', {
        environment: 'production-us',
        sourceCommits: [commit('a', 25, '2026-03-04T12:00:00Z')],
      }),
      deployed(second, {
        sourceCommits: [
          commit('c', 3, second),
          commit('d', 4, second),
          commit('e', 10, second),
          { sha: 'unknown-time' },
        ],
      }),
    ]);
    expect(report.leadTimeForChanges).toMatchObject({
      commits: 5,
      medianSeconds: 3 * 3600,
      p90Seconds: 7.6 * 3600,
      band: 'elite',
    });
    expect(
      report.leadTimeForChanges.series.map(b => [b.commits, b.medianSeconds]),
    ).toEqual([
      [2, 1.5 * 3600],
      [3, 4 * 3600],
    ]);
  });

  it('counts a change rolled back within the window as a failure, and a rollback after it as no deployment', () => {
    const report = dora([
      deployed('2026-03-03T10:00:00Z', { outcome: 'rolled-back' }),
      deployed('2026-03-03T12:00:00Z', { releaseKind: 'rollback' }),
      deployed('2026-03-05T10:00:00Z'),
      deployed('2026-03-06T10:00:00Z'),
      deployed('2026-03-07T10:00:00Z'),
    ]);
    expect(report.changeFailureRate).toMatchObject({
      deployments: 4,
      failures: 1,
      rate: 0.25,
      band: 'low',
    });
    expect(report.deploymentFrequency.deployments).toBe(3);
  });

  it('counts a rollback landing after the window, or after a newer change, as no failure of the old change', () => {
    const report = dora([
      deployed('2026-03-03T10:00:00Z'),
      deployed('2026-03-05T10:00:00Z', { releaseKind: 'rollback' }),
      deployed('2026-03-09T10:00:00Z'),
      deployed('2026-03-09T11:00:00Z'),
      deployed('2026-03-09T12:00:00Z', { releaseKind: 'rollback' }),
    ]);
    expect(report.changeFailureRate).toMatchObject({
      deployments: 3,
      failures: 1,
      rate: 1 / 3,
    });
    expect(report.changeFailureRate.series).toMatchObject([
      { deployments: 1, failures: 0, rate: 0 },
      { deployments: 2, failures: 1, rate: 0.5 },
    ]);
  });

  it('measures overlapping failures as one incident, from the first failure to healthy again, per product', () => {
    const report = dora([
      deployed('2026-03-03T10:00:00Z', {
        healthyAt: undefined,
        failedAt: '2026-03-03T10:10:00Z',
        outcome: 'degraded',
      }),
      // A fix that fails too while the first incident is open: the same incident.
      deployed('2026-03-03T10:30:00Z', {
        healthyAt: undefined,
        failedAt: '2026-03-03T10:40:00Z',
        outcome: 'degraded',
      }),
      deployed('2026-03-03T11:00:00Z', { releaseKind: 'rollback' }),
      // Another product's incident at the same time is its own.
      deployed('2026-03-03T10:20:00Z', {
        product: 'search',
        healthyAt: undefined,
        failedAt: '2026-03-03T10:20:00Z',
        outcome: 'degraded',
      }),
      deployed('2026-03-03T14:20:00Z', { product: 'search' }),
      // Still degraded at the end of the range.
      deployed('2026-03-12T10:00:00Z', {
        product: 'search',
        healthyAt: undefined,
        failedAt: '2026-03-12T10:05:00Z',
        outcome: 'degraded',
      }),
    ]);
    expect(report.timeToRestore).toMatchObject({
      incidents: 2,
      openIncidents: 1,
      // 50 minutes and 4 hours.
      medianSeconds: ((50 + 240) / 2) * 60,
      band: 'high',
    });
    expect(report.changeFailureRate).toMatchObject({
      deployments: 5,
      failures: 4,
    });
  });

  it('lists the deployments behind one bucket, with the keys each counts in there', () => {
    const history = [
      deployed('2026-03-03T10:00:00Z', {
        releaseId: 'bad',
        healthyAt: undefined,
        failedAt: '2026-03-03T10:10:00Z',
        outcome: 'degraded',
      }),
      deployed('2026-03-03T11:00:00Z', {
        releaseId: 'back',
        releaseKind: 'rollback',
      }),
      deployed('2026-03-05T10:00:00Z', {
        releaseId: 'good',
        sourceCommits: [{ sha: 'f', time: '2026-03-05T09:00:00Z' }],
      }),
      deployed('2026-03-10T10:00:00Z', { releaseId: 'next-week' }),
    ];
    expect(dora(history)).not.toHaveProperty('deployments');
    const report = dora(history, { deploymentsOf: '2026-03-02' });
    expect(report.deploymentsOf).toBe('2026-03-02');
    expect(
      report.deployments!.map(d => [d.releaseId, d.keys, d.failedChange]),
    ).toEqual([
      ['bad', ['changeFailureRate', 'timeToRestore'], true],
      ['back', ['timeToRestore'], undefined],
      [
        'good',
        ['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate'],
        false,
      ],
    ]);
    expect(report.deployments![2]).toMatchObject({
      product: 'payments',
      environment: 'production',
      application: { name: 'pay-api' },
      outcome: 'healthy',
      sourceCommits: 1,
    });
    // The rows agree with the bucket's figures.
    expect(report.deploymentFrequency.series[0].deployments).toBe(1);
    expect(report.changeFailureRate.series[0]).toMatchObject({
      deployments: 2,
      failures: 1,
    });
    expect(
      dora(history, { deploymentsOf: '2026-03-09' }).deployments!.map(
        d => d.releaseId,
      ),
    ).toEqual(['next-week']);
    expect(dora(history, { deploymentsOf: '2026-03-04' })).not.toHaveProperty(
      'deploymentsOf',
    );
  });

  it('counts a deployment seen degraded and then healthy again as a failed change, restored when it turned healthy', () => {
    const report = dora([
      deployed('2026-03-03T10:00:00Z', {
        failedAt: '2026-03-03T10:05:00Z',
        healthyAt: '2026-03-03T10:35:00Z',
      }),
    ]);
    expect(report.changeFailureRate).toMatchObject({
      deployments: 1,
      failures: 1,
    });
    expect(report.timeToRestore).toMatchObject({
      incidents: 1,
      medianSeconds: 30 * 60,
      band: 'elite',
    });
  });

  it('counts deployments made outside Slipway: one per revision, lead time only where the commit time is known', () => {
    const outside = (name: string) =>
      deployed('2026-03-10T08:00:00Z', {
        releaseId: 'outside',
        releaseKind: undefined,
        revision: 'f'.repeat(40),
        version: undefined,
        application: { runtime: 'prod', namespace: 'pay', name },
        sourceCommits: [{ sha: 'f'.repeat(40) }],
      });
    const report = dora([outside('pay-api'), outside('pay-worker')]);
    expect(report.deploymentFrequency.deployments).toBe(1);
    expect(report.changeFailureRate).toMatchObject({
      deployments: 1,
      failures: 0,
      rate: 0,
      band: 'elite',
    });
    expect(report.leadTimeForChanges.commits).toBe(0);
  });

  it('buckets by local midnight in the time zone asked for', () => {
    // Sunday 23:30 UTC is Monday 00:30 in Berlin: the first week in UTC, the second in Berlin.
    const history = [deployed('2026-03-08T23:30:00Z')];
    const series = (timeZone: string) =>
      dora(history, {
        timeZone,
        from: new Date('2026-03-02T00:00:00Z'),
      }).deploymentFrequency.series.map(b => [b.label, b.deployments]);
    expect(series('UTC')).toEqual([
      ['2026-03-02', 1],
      ['2026-03-09', 0],
    ]);
    // The range ends at 01:00 on Monday in Berlin: a third, partial week begins before it ends.
    expect(series('Europe/Berlin')).toEqual([
      ['2026-03-02', 0],
      ['2026-03-09', 1],
      ['2026-03-16', 0],
    ]);
  });

  it('leaves out what happened outside the range', () => {
    const report = dora([
      deployed('2026-03-01T23:59:59Z'),
      deployed('2026-03-16T00:00:00Z'),
    ]);
    expect(report.deploymentFrequency.deployments).toBe(0);
    expect(report.changeFailureRate.deployments).toBe(0);
  });
});
