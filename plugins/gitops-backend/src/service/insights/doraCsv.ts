import type { DoraReport } from '@slipway/plugin-gitops-common';
import { csvCell } from '../audit/auditCsv';

const HEADER = [
  'bucket_start',
  'bucket',
  'deployments',
  'lead_time_commits',
  'lead_time_median_seconds',
  'lead_time_p90_seconds',
  'change_failure_deployments',
  'change_failures',
  'change_failure_rate',
  'restored_incidents',
  'time_to_restore_median_seconds',
];

const cell = (value: number | string | undefined) =>
  csvCell(value === undefined ? undefined : String(value));

/** The report's series as CSV (RFC 4180), one row per bucket; empty cells where a value is unknown. */
export function doraCsv(report: DoraReport): string {
  const rows = report.deploymentFrequency.series.map((bucket, i) => {
    const lead = report.leadTimeForChanges.series[i];
    const failures = report.changeFailureRate.series[i];
    const restore = report.timeToRestore.series[i];
    return [
      bucket.start,
      bucket.label,
      bucket.deployments,
      lead.commits,
      lead.medianSeconds,
      lead.p90Seconds,
      failures.deployments,
      failures.failures,
      failures.rate,
      restore.incidents,
      restore.medianSeconds,
    ]
      .map(cell)
      .join(',');
  });
  return [HEADER.join(','), ...rows].map(line => `${line}\r\n`).join('');
}
