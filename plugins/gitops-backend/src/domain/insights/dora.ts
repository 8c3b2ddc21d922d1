import type { DoraReport } from '@slipway/plugin-gitops-common';
import { Bucket, BucketSpan, bucketStart, bucketsBetween } from './buckets';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  DORA_DEFINITIONS,
  leadTimeBand,
  timeToRestoreBand,
} from './doraBands';
import { Deployment, OUTSIDE_SLIPWAY } from './deployments';
import { median, percentile } from './statistics';

export interface DoraInput {
  /**
   * Production-tier deployments, synced from a little before `from` (so that incidents and commits
   * that began earlier are seen whole) up to `to`.
   */
  deployments: readonly Deployment[];
  from: Date;
  to: Date;
  bucket: Bucket;
  /** IANA time zone the buckets' midnights are in. */
  timeZone: string;
  /** How long after a deployment a rollback still counts as its failure. */
  changeFailureWindowMs: number;
}

/** Applications of one product deployed together: one release in one environment, or one outside revision. */
interface DeploymentUnit {
  scope: string;
  syncedAt: number;
  /** When every application was healthy; absent when one never was. */
  healthyAt?: number;
  /** The earliest time one of its applications failed. */
  failedAt?: number;
  failed: boolean;
  counted: boolean;
  rollback: boolean;
  commits: Array<{ sha: string; time?: string }>;
}

const time = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso);

function unitsOf(deployments: readonly Deployment[]): DeploymentUnit[] {
  const groups = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const made =
      d.releaseId === OUTSIDE_SLIPWAY
        ? `outside:${d.revision}`
        : `release:${d.releaseId}`;
    const key = JSON.stringify([d.product, d.environment, made]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map(rows => {
    const failed = rows.some(
      r => r.outcome === 'degraded' || r.outcome === 'rolled-back',
    );
    const failures = rows.flatMap(r => time(r.failedAt) ?? []);
    const healthy = rows.every(r => r.healthyAt && r.outcome !== 'degraded');
    return {
      scope: JSON.stringify([rows[0].product, rows[0].environment]),
      syncedAt: Math.min(...rows.map(r => Date.parse(r.syncedAt))),
      ...(healthy
        ? { healthyAt: Math.max(...rows.map(r => Date.parse(r.healthyAt!))) }
        : {}),
      ...(failures.length ? { failedAt: Math.min(...failures) } : {}),
      failed,
      // Deployments that never finished (still syncing, or replaced while syncing) are no outcome.
      counted: failed || healthy,
      rollback: rows.some(r => r.releaseKind === 'rollback'),
      commits: rows.flatMap(r => r.sourceCommits),
    };
  });
}

function byScope(units: DeploymentUnit[]): DeploymentUnit[][] {
  const scopes = new Map<string, DeploymentUnit[]>();
  for (const unit of units) {
    scopes.set(unit.scope, [...(scopes.get(unit.scope) ?? []), unit]);
  }
  return [...scopes.values()].map(list =>
    list.sort((a, b) => a.syncedAt - b.syncedAt),
  );
}

/** Groups dated values into the series' buckets; values outside [from, to) are dropped. */
function series<T>(
  input: DoraInput,
  spans: BucketSpan[],
  items: Array<{ at: number; value: T }>,
): T[][] {
  const index = new Map(spans.map((s, i) => [Date.parse(s.start), i]));
  const grouped = spans.map((): T[] => []);
  for (const { at, value } of items) {
    if (at < input.from.getTime() || at >= input.to.getTime()) continue;
    const i = index.get(bucketStart(at, input.bucket, input.timeZone));
    if (i !== undefined) grouped[i].push(value);
  }
  return grouped;
}

const seconds = (ms: number | undefined) =>
  ms === undefined ? undefined : Math.round(ms / 1000);

function optional<K extends string, V>(key: K, value: V | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

/** Deployment frequency, lead time, change failure rate and time to restore over a history. */
export function computeDora(input: DoraInput): DoraReport {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const spans = bucketsBetween(from, to, input.bucket, input.timeZone);
  const units = unitsOf(input.deployments);
  const changes = units.filter(u => !u.rollback);

  // Deployment frequency: changes that turned healthy, in the bucket they did.
  const successes = series(
    input,
    spans,
    changes.flatMap(u =>
      u.healthyAt !== undefined && !u.failed
        ? [{ at: u.healthyAt, value: 1 }]
        : [],
    ),
  );
  const deployments = successes.reduce((n, b) => n + b.length, 0);
  const perDay = deployments / ((to - from) / 86_400_000);

  // Lead time: each commit once, to the first healthy production deployment carrying it.
  const firstHealthy = new Map<
    string,
    { commitAt: number; healthyAt: number }
  >();
  for (const unit of changes) {
    if (unit.healthyAt === undefined) continue;
    for (const commit of unit.commits) {
      const commitAt = time(commit.time);
      if (commitAt === undefined) continue;
      const seen = firstHealthy.get(commit.sha);
      if (!seen || unit.healthyAt < seen.healthyAt) {
        firstHealthy.set(commit.sha, { commitAt, healthyAt: unit.healthyAt });
      }
    }
  }
  const leadTimes = series(
    input,
    spans,
    [...firstHealthy.values()].map(c => ({
      at: c.healthyAt,
      value: Math.max(0, c.healthyAt - c.commitAt),
    })),
  );
  const allLeadTimes = leadTimes.flat();
  const leadMedian = seconds(median(allLeadTimes));

  // Change failure rate: a change fails itself, or a rollback follows it within the window.
  const outcomes: Array<{ at: number; value: boolean }> = [];
  for (const scope of byScope(units)) {
    scope.forEach((unit, i) => {
      if (unit.rollback || !unit.counted) return;
      const later = scope.slice(i + 1);
      const next = later.find(u => !u.rollback)?.syncedAt ?? Infinity;
      const rolledBack = later.some(
        u =>
          u.rollback &&
          u.syncedAt < next &&
          u.syncedAt - unit.syncedAt <= input.changeFailureWindowMs,
      );
      // Seen degraded, then healthy again in place: still a failure of this change.
      const turnedBad =
        unit.failedAt !== undefined &&
        unit.failedAt - unit.syncedAt <= input.changeFailureWindowMs;
      outcomes.push({
        at: unit.syncedAt,
        value: unit.failed || rolledBack || turnedBad,
      });
    });
  }
  const failureBuckets = series(input, spans, outcomes);
  const counted = failureBuckets.flat();
  const failures = counted.filter(Boolean).length;
  const rate = counted.length ? failures / counted.length : undefined;

  // Time to restore: from the first failure to the next healthy deployment (a fix or a rollback).
  const incidents: Array<{ at: number; value: number }> = [];
  let openIncidents = 0;
  for (const scope of byScope(units)) {
    const failuresAt = scope
      .flatMap(u => (u.failedAt === undefined ? [] : [u.failedAt]))
      .sort((a, b) => a - b);
    const recoveries = scope
      .flatMap(u =>
        u.healthyAt !== undefined && !u.failed ? [u.healthyAt] : [],
      )
      .sort((a, b) => a - b);
    let restoredAt = -Infinity;
    for (const start of failuresAt) {
      if (start < restoredAt) continue; // joins the incident already open
      const end = recoveries.find(r => r > start);
      if (end === undefined || end >= to) {
        if (start < to) openIncidents++;
        break;
      }
      incidents.push({ at: end, value: end - start });
      restoredAt = end;
    }
  }
  const restoreBuckets = series(input, spans, incidents);
  const restoreTimes = restoreBuckets.flat();
  const restoreMedian = seconds(median(restoreTimes));

  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    bucket: input.bucket,
    timeZone: input.timeZone,
    changeFailureWindowHours: input.changeFailureWindowMs / 3_600_000,
    deploymentFrequency: {
      definition: DORA_DEFINITIONS.deploymentFrequency,
      deployments,
      perDay,
      band: deploymentFrequencyBand(perDay),
      series: spans.map((span, i) => ({
        ...span,
        deployments: successes[i].length,
      })),
    },
    leadTimeForChanges: {
      definition: DORA_DEFINITIONS.leadTimeForChanges,
      commits: allLeadTimes.length,
      ...optional('medianSeconds', leadMedian),
      ...optional('p90Seconds', seconds(percentile(allLeadTimes, 90))),
      ...optional(
        'band',
        leadMedian === undefined ? undefined : leadTimeBand(leadMedian),
      ),
      series: spans.map((span, i) => ({
        ...span,
        commits: leadTimes[i].length,
        ...optional('medianSeconds', seconds(median(leadTimes[i]))),
        ...optional('p90Seconds', seconds(percentile(leadTimes[i], 90))),
      })),
    },
    changeFailureRate: {
      definition: DORA_DEFINITIONS.changeFailureRate,
      deployments: counted.length,
      failures,
      ...optional('rate', rate),
      ...optional(
        'band',
        rate === undefined ? undefined : changeFailureRateBand(rate),
      ),
      series: spans.map((span, i) => {
        const bucketFailures = failureBuckets[i].filter(Boolean).length;
        return {
          ...span,
          deployments: failureBuckets[i].length,
          failures: bucketFailures,
          ...optional(
            'rate',
            failureBuckets[i].length
              ? bucketFailures / failureBuckets[i].length
              : undefined,
          ),
        };
      }),
    },
    timeToRestore: {
      definition: DORA_DEFINITIONS.timeToRestore,
      incidents: restoreTimes.length,
      openIncidents,
      ...optional('medianSeconds', restoreMedian),
      ...optional(
        'band',
        restoreMedian === undefined
          ? undefined
          : timeToRestoreBand(restoreMedian),
      ),
      series: spans.map((span, i) => ({
        ...span,
        incidents: restoreBuckets[i].length,
        ...optional('medianSeconds', seconds(median(restoreBuckets[i]))),
      })),
    },
  };
}
