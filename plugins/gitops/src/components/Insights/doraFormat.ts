import type {
  DoraBand,
  DoraKey,
  DoraReport,
} from '@slipway/plugin-gitops-common';

export const DORA_KEYS: DoraKey[] = [
  'deploymentFrequency',
  'leadTimeForChanges',
  'changeFailureRate',
  'timeToRestore',
];

export const DORA_TITLES: Record<DoraKey, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTimeForChanges: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore',
};

export const BAND_LABELS: Record<DoraBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Green to red, readable on light and dark themes. */
export const BAND_COLORS: Record<DoraBand, string> = {
  elite: '#18be94',
  high: '#0dadea',
  medium: '#f4a340',
  low: '#e96d76',
};

const round = (n: number) =>
  n >= 10 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString();

/** "2.5 per day", "3 per week" or "1.3 per month", whichever reads as a whole-ish number. */
export function formatFrequency(perDay: number): string {
  if (perDay >= 1) return `${round(perDay)} per day`;
  if (perDay * 7 >= 1) return `${round(perDay * 7)} per week`;
  return `${round(perDay * 30)} per month`;
}

/** "45 min", "1.5 h", "2 days"; seconds under a minute as "< 1 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return '< 1 min';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  const days = seconds / 86_400;
  return `${round(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** "14.3 %" */
export function formatRate(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

export interface DoraKeyView {
  key: DoraKey;
  title: string;
  /** The figure; absent when nothing was measured. */
  value?: string;
  /** What the figure was measured from. */
  detail: string;
  band?: DoraBand;
  definition: string;
}

/** The four keys of a report as figures with their band, definition and what they rest on. */
export function doraKeyViews(report: DoraReport): DoraKeyView[] {
  const {
    deploymentFrequency: df,
    leadTimeForChanges: lt,
    changeFailureRate: cfr,
    timeToRestore: ttr,
  } = report;
  const open = ttr.openIncidents
    ? `, ${plural(ttr.openIncidents, 'incident')} still open`
    : '';
  return [
    {
      key: 'deploymentFrequency',
      title: DORA_TITLES.deploymentFrequency,
      value: formatFrequency(df.perDay),
      detail: `${plural(df.deployments, 'successful deployment')}`,
      band: df.band,
      definition: df.definition,
    },
    {
      key: 'leadTimeForChanges',
      title: DORA_TITLES.leadTimeForChanges,
      ...(lt.medianSeconds === undefined
        ? {}
        : { value: formatDuration(lt.medianSeconds) }),
      detail:
        lt.medianSeconds === undefined
          ? 'No commit with a known time reached production'
          : `median; p90 ${formatDuration(lt.p90Seconds ?? 0)}; ${plural(
              lt.commits,
              'commit',
            )}`,
      band: lt.band,
      definition: lt.definition,
    },
    {
      key: 'changeFailureRate',
      title: DORA_TITLES.changeFailureRate,
      ...(cfr.rate === undefined ? {} : { value: formatRate(cfr.rate) }),
      detail:
        cfr.rate === undefined
          ? 'No finished production deployment'
          : `${cfr.failures} of ${plural(
              cfr.deployments,
              'deployment',
            )} failed (window ${report.changeFailureWindowHours} h)`,
      band: cfr.band,
      definition: cfr.definition,
    },
    {
      key: 'timeToRestore',
      title: DORA_TITLES.timeToRestore,
      ...(ttr.medianSeconds === undefined
        ? {}
        : { value: formatDuration(ttr.medianSeconds) }),
      detail:
        ttr.medianSeconds === undefined
          ? `No incident restored${open}`
          : `median of ${plural(ttr.incidents, 'incident')}${open}`,
      band: ttr.band,
      definition: ttr.definition,
    },
  ];
}

/**
 * Whether the report rests on no production deployment at all: then its zeros were not measured
 * and the page says so instead of showing them.
 */
export function hasNoProductionDeployments(report: DoraReport): boolean {
  return (
    report.deploymentFrequency.deployments === 0 &&
    report.changeFailureRate.deployments === 0 &&
    report.leadTimeForChanges.commits === 0 &&
    report.timeToRestore.incidents === 0 &&
    report.timeToRestore.openIncidents === 0
  );
}
