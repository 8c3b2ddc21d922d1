import type {
  DoraDeploymentRow,
  DoraKey,
  DoraReport,
} from '@slipway/plugin-gitops-common';
import { Bucket, bucketsBetween } from './buckets';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  DORA_DEFINITIONS,
  leadTimeBand,
  timeToRestoreBand,
} from './doraBands';
import { Deployment, OUTSIDE_SLIPWAY } from './deployments';
import { median, percentile } from './statistics';

/**
 * The history to measure: production-tier deployments, synced from a little before `from` (so that
 * incidents and commits that began earlier are seen whole) up to `to`; or the same already grouped
 * into units, as a database can group them (then no deployments are listed behind a bucket).
 */
export type DoraHistory =
  | { deployments: readonly Deployment[] }
  | { units: readonly DeploymentUnit[] };

export type DoraInput = DoraHistory & DoraWindow;

/** What to measure over the history, and how. */
export interface DoraWindow {
  from: Date;
  to: Date;
  bucket: Bucket;
  /** IANA time zone the buckets' midnights are in. */
  timeZone: string;
  /** How long after a deployment a rollback still counts as its failure. */
  changeFailureWindowMs: number;
  /** A bucket's label (`YYYY-MM-DD`): the answer lists the deployments behind that bucket. */
  deploymentsOf?: string;
}

/** Applications of one product deployed together: one release in one environment, or one outside revision. */
export interface DeploymentUnit {
  /** Product and environment, as `unitScope` writes them. */
  scope: string;
  syncedAt: number;
  /** When every application was healthy; absent when one never was. */
  healthyAt?: number;
  /** The earliest time one of its applications failed. */
  failedAt?: number;
  failed: boolean;
  counted: boolean;
  rollback: boolean;
  /** Source commits; only a healthy change's count, so others may leave them out. */
  commits: Array<{ sha: string; time?: string }>;
  /** Its deployments, when the unit was grouped from them. */
  rows?: readonly Deployment[];
}

export const unitScope = (product: string, environment: string) =>
  JSON.stringify([product, environment]);

/** Where a unit counts in the bucket asked for, and whether it was a failed change. */
interface UnitTags {
  keys: Set<DoraKey>;
  failedChange?: boolean;
}

const time = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso);

/** Groups in first-seen order; appends in place, so a large history stays linear. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

export function unitsOf(deployments: readonly Deployment[]): DeploymentUnit[] {
  const groups = groupBy(deployments, d =>
    JSON.stringify([
      d.product,
      d.environment,
      d.releaseId === OUTSIDE_SLIPWAY
        ? `outside:${d.revision}`
        : `release:${d.releaseId}`,
    ]),
  );
  return groups.map(rows => {
    const failed = rows.some(
      r => r.outcome === 'degraded' || r.outcome === 'rolled-back',
    );
    const failures = rows.flatMap(r => time(r.failedAt) ?? []);
    const healthy = rows.every(r => r.healthyAt && r.outcome !== 'degraded');
    return {
      scope: unitScope(rows[0].product, rows[0].environment),
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
      rows,
    };
  });
}

function byScope(units: readonly DeploymentUnit[]): DeploymentUnit[][] {
  return groupBy(units, u => u.scope).map(list =>
    list.sort((a, b) => a.syncedAt - b.syncedAt),
  );
}

/**
 * The index of the bucket holding an instant in [from, to), else -1. The spans are consecutive, so
 * this is the last one starting at or before it (a search, not a time-zone conversion per value).
 */
function bucketIndex(
  input: DoraInput,
  starts: readonly number[],
  at: number,
): number {
  if (at < input.from.getTime() || at >= input.to.getTime()) return -1;
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || at < starts[0]) return -1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Groups dated values into the series' buckets; values outside [from, to) are dropped. */
function series<T>(
  input: DoraInput,
  starts: readonly number[],
  items: Array<{ at: number; value: T }>,
): T[][] {
  const grouped = starts.map((): T[] => []);
  for (const { at, value } of items) {
    const i = bucketIndex(input, starts, at);
    if (i >= 0) grouped[i].push(value);
  }
  return grouped;
}

const seconds = (ms: number | undefined) =>
  ms === undefined ? undefined : Math.round(ms / 1000);

function optional<K extends string, V>(key: K, value: V | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

const KEY_ORDER: DoraKey[] = [
  'deploymentFrequency',
  'leadTimeForChanges',
  'changeFailureRate',
  'timeToRestore',
];

function deploymentRow(row: Deployment, tags: UnitTags): DoraDeploymentRow {
  return {
    product: row.product,
    environment: row.environment,
    application: row.application,
    ...optional('version', row.version),
    revision: row.revision,
    releaseId: row.releaseId,
    ...optional('releaseKind', row.releaseKind),
    syncedAt: row.syncedAt,
    ...optional('healthyAt', row.healthyAt),
    ...optional('failedAt', row.failedAt),
    outcome: row.outcome,
    sourceCommits: row.sourceCommits.length,
    keys: KEY_ORDER.filter(k => tags.keys.has(k)),
    ...optional('failedChange', tags.failedChange),
  };
}

/** Deployment frequency, lead time, change failure rate and time to restore over a history. */
export function computeDora(input: DoraInput): DoraReport {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const spans = bucketsBetween(from, to, input.bucket, input.timeZone);
  const starts = spans.map(s => Date.parse(s.start));
  const units = 'units' in input ? input.units : unitsOf(input.deployments);
  const changes = units.filter(u => !u.rollback);

  // The deployments behind one bucket, by key.
  const askedIndex = input.deploymentsOf
    ? spans.findIndex(s => s.label === input.deploymentsOf)
    : -1;
  const asked = askedIndex >= 0 ? spans[askedIndex] : undefined;
  const tags = new Map<DeploymentUnit, UnitTags>();
  const inAskedBucket = (at: number) =>
    asked !== undefined && bucketIndex(input, starts, at) === askedIndex;
  const tag = (unit: DeploymentUnit, key: DoraKey, at: number) => {
    if (!inAskedBucket(at)) return undefined;
    const unitTags = tags.get(unit) ?? { keys: new Set<DoraKey>() };
    unitTags.keys.add(key);
    tags.set(unit, unitTags);
    return unitTags;
  };

  // Deployment frequency: changes that turned healthy, in the bucket they did.
  const successes = series(
    input,
    starts,
    changes.flatMap(u => {
      if (u.healthyAt === undefined || u.failed) return [];
      tag(u, 'deploymentFrequency', u.healthyAt);
      return [{ at: u.healthyAt, value: 1 }];
    }),
  );
  const deployments = successes.reduce((n, b) => n + b.length, 0);
  const perDay = deployments / ((to - from) / 86_400_000);

  // Lead time: each commit once, to the first healthy production deployment carrying it.
  const firstHealthy = new Map<
    string,
    { commitAt: number; healthyAt: number; unit: DeploymentUnit }
  >();
  for (const unit of changes) {
    if (unit.healthyAt === undefined) continue;
    for (const commit of unit.commits) {
      const commitAt = time(commit.time);
      if (commitAt === undefined) continue;
      const seen = firstHealthy.get(commit.sha);
      if (!seen || unit.healthyAt < seen.healthyAt) {
        firstHealthy.set(commit.sha, {
          commitAt,
          healthyAt: unit.healthyAt,
          unit,
        });
      }
    }
  }
  const leadTimes = series(
    input,
    starts,
    [...firstHealthy.values()].map(c => {
      tag(c.unit, 'leadTimeForChanges', c.healthyAt);
      return {
        at: c.healthyAt,
        value: Math.max(0, c.healthyAt - c.commitAt),
      };
    }),
  );
  const allLeadTimes = leadTimes.flat();
  const leadMedian = seconds(median(allLeadTimes));

  // Change failure rate: a change fails itself, or a rollback follows it within the window.
  const outcomes: Array<{ at: number; value: boolean }> = [];
  for (const scope of byScope(units)) {
    scope.forEach((unit, i) => {
      if (unit.rollback || !unit.counted) return;
      // The rollbacks between it and the next change.
      let nextChange = i + 1;
      while (nextChange < scope.length && scope[nextChange].rollback) {
        nextChange++;
      }
      const next = scope[nextChange]?.syncedAt ?? Infinity;
      const rolledBack = scope
        .slice(i + 1, nextChange)
        .some(
          u =>
            u.syncedAt < next &&
            u.syncedAt - unit.syncedAt <= input.changeFailureWindowMs,
        );
      // Seen degraded, then healthy again in place: still a failure of this change.
      const turnedBad =
        unit.failedAt !== undefined &&
        unit.failedAt - unit.syncedAt <= input.changeFailureWindowMs;
      const failedChange = unit.failed || rolledBack || turnedBad;
      const unitTags = tag(unit, 'changeFailureRate', unit.syncedAt);
      if (unitTags) unitTags.failedChange = failedChange;
      outcomes.push({ at: unit.syncedAt, value: failedChange });
    });
  }
  const failureBuckets = series(input, starts, outcomes);
  const counted = failureBuckets.flat();
  const failures = counted.filter(Boolean).length;
  const rate = counted.length ? failures / counted.length : undefined;

  // Time to restore: from the first failure to the next healthy deployment (a fix or a rollback).
  const incidents: Array<{ at: number; value: number }> = [];
  let openIncidents = 0;
  for (const scope of byScope(units)) {
    const failuresAt = scope
      .flatMap(u => (u.failedAt === undefined ? [] : [{ at: u.failedAt, u }]))
      .sort((a, b) => a.at - b.at);
    const recoveries = scope
      .flatMap(u =>
        u.healthyAt !== undefined && !u.failed ? [{ at: u.healthyAt, u }] : [],
      )
      .sort((a, b) => a.at - b.at);
    let restoredAt = -Infinity;
    // Failures come in time order, so the first recovery after each only moves forward.
    let next = 0;
    for (const { at: start, u: failing } of failuresAt) {
      if (start < restoredAt) {
        // Joins the incident already open: behind the same restore.
        tag(failing, 'timeToRestore', restoredAt);
        continue;
      }
      while (next < recoveries.length && recoveries[next].at <= start) next++;
      const recovery = recoveries[next];
      if (recovery === undefined || recovery.at >= to) {
        if (start < to) openIncidents++;
        break;
      }
      const end = recovery.at;
      incidents.push({ at: end, value: end - start });
      restoredAt = end;
      tag(failing, 'timeToRestore', end);
      tag(recovery.u, 'timeToRestore', end);
    }
  }
  const restoreBuckets = series(input, starts, incidents);
  const restoreTimes = restoreBuckets.flat();
  const restoreMedian = seconds(median(restoreTimes));

  const deploymentRows: DoraDeploymentRow[] = [...tags]
    .flatMap(([unit, unitTags]) =>
      (unit.rows ?? []).map(row => deploymentRow(row, unitTags)),
    )
    .sort(
      (a, b) =>
        Date.parse(a.syncedAt) - Date.parse(b.syncedAt) ||
        a.application.name.localeCompare(b.application.name),
    );

  return {
    ...(asked
      ? { deploymentsOf: asked.label, deployments: deploymentRows }
      : {}),
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
