import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  DoraBucketSize,
  DoraKey,
  DoraReport,
} from '@slipway/plugin-gitops-common';
import { KeyboardEvent } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DORA_TITLES, formatDuration, formatRate } from './doraFormat';
import type { ChartPoint } from './insightsParams';

const useStyles = makeStyles(theme => ({
  chart: { padding: theme.spacing(2) },
  hint: { marginBottom: theme.spacing(1) },
}));

/** One row of a chart: a bucket with the values drawn and what a point says when read aloud. */
interface ChartRow {
  label: string;
  [series: string]: number | string | undefined;
}

interface ChartSpec {
  key: DoraKey;
  unit: string;
  lines: Array<{ dataKey: string; name: string; color: string }>;
  rows: ChartRow[];
  /** What one bucket's point says, e.g. "4 deployments". */
  describe: (index: number) => string;
}

const hours = (seconds: number | undefined) =>
  seconds === undefined ? undefined : Math.round((seconds / 3600) * 100) / 100;

const BUCKET_WORDS: Record<DoraBucketSize, string> = {
  day: '',
  week: 'week of ',
  month: 'month of ',
};

function chartSpecs(
  report: DoraReport,
  colors: { primary: string; secondary: string },
): ChartSpec[] {
  const df = report.deploymentFrequency.series;
  const lt = report.leadTimeForChanges.series;
  const cfr = report.changeFailureRate.series;
  const ttr = report.timeToRestore.series;
  return [
    {
      key: 'deploymentFrequency',
      unit: 'deployments',
      lines: [
        { dataKey: 'deployments', name: 'Deployments', color: colors.primary },
      ],
      rows: df.map(b => ({ label: b.label, deployments: b.deployments })),
      describe: i =>
        `${df[i].deployments} ${
          df[i].deployments === 1 ? 'deployment' : 'deployments'
        }`,
    },
    {
      key: 'leadTimeForChanges',
      unit: 'hours',
      lines: [
        { dataKey: 'median', name: 'Median', color: colors.primary },
        { dataKey: 'p90', name: 'p90', color: colors.secondary },
      ],
      rows: lt.map(b => ({
        label: b.label,
        median: hours(b.medianSeconds),
        p90: hours(b.p90Seconds),
      })),
      describe: i =>
        lt[i].medianSeconds === undefined
          ? 'no commit measured'
          : `median ${formatDuration(lt[i].medianSeconds!)} over ${
              lt[i].commits
            } ${lt[i].commits === 1 ? 'commit' : 'commits'}`,
    },
    {
      key: 'changeFailureRate',
      unit: '%',
      lines: [{ dataKey: 'rate', name: 'Failure rate', color: colors.primary }],
      rows: cfr.map(b => ({
        label: b.label,
        rate: b.rate === undefined ? undefined : Math.round(b.rate * 1000) / 10,
      })),
      describe: i =>
        cfr[i].rate === undefined
          ? 'no deployment'
          : `${formatRate(cfr[i].rate!)}, ${cfr[i].failures} of ${
              cfr[i].deployments
            } failed`,
    },
    {
      key: 'timeToRestore',
      unit: 'hours',
      lines: [{ dataKey: 'median', name: 'Median', color: colors.primary }],
      rows: ttr.map(b => ({
        label: b.label,
        median: hours(b.medianSeconds),
      })),
      describe: i =>
        ttr[i].medianSeconds === undefined
          ? 'no incident restored'
          : `median ${formatDuration(ttr[i].medianSeconds!)} over ${
              ttr[i].incidents
            } ${ttr[i].incidents === 1 ? 'incident' : 'incidents'}`,
    },
  ];
}

interface DotProps {
  cx?: number;
  cy?: number | null;
  index?: number;
  stroke?: string;
}

/** A chart of one key over the buckets; each point is a button that lists its deployments. */
function KeyChart(props: {
  spec: ChartSpec;
  bucket: DoraBucketSize;
  selected?: ChartPoint;
  onSelect: (point: ChartPoint) => void;
}) {
  const classes = useStyles();
  const { spec, bucket, selected, onSelect } = props;
  const title = DORA_TITLES[spec.key];
  const select = (index: number) =>
    onSelect({ key: spec.key, label: spec.rows[index].label });

  // Only the first line's points are buttons: one per bucket.
  const renderDot =
    (interactive: boolean, color: string) => (dot: DotProps) => {
      const index = dot.index ?? 0;
      if (dot.cx === undefined || dot.cy === null || dot.cy === undefined) {
        return <g key={`${spec.key}-${index}`} />;
      }
      const label = spec.rows[index].label;
      const active =
        selected?.key === spec.key && selected.label === label && interactive;
      if (!interactive) {
        return (
          <circle
            key={`${spec.key}-p-${index}`}
            cx={dot.cx}
            cy={dot.cy}
            r={3}
            fill={color}
          />
        );
      }
      return (
        <circle
          key={`${spec.key}-${index}`}
          role="button"
          tabIndex={0}
          aria-pressed={active}
          aria-label={`${title}, ${
            BUCKET_WORDS[bucket]
          }${label}: ${spec.describe(index)}`}
          cx={dot.cx}
          cy={dot.cy}
          r={active ? 7 : 5}
          fill={active ? color : '#fff'}
          stroke={color}
          strokeWidth={2}
          style={{ cursor: 'pointer' }}
          onClick={() => select(index)}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              select(index);
            }
          }}
        />
      );
    };

  return (
    <Paper
      variant="outlined"
      className={classes.chart}
      role="figure"
      aria-label={`${title} per ${bucket}`}
    >
      <Typography variant="subtitle2" component="h3">
        {title} per {bucket}
        <Typography variant="caption" color="textSecondary" component="span">
          {' '}
          ({spec.unit})
        </Typography>
      </Typography>
      <ResponsiveContainer
        width="100%"
        height={220}
        initialDimension={{ width: 480, height: 220 }}
      >
        <LineChart
          data={spec.rows}
          margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} allowDecimals={spec.unit !== 'deployments'} />
          <Tooltip />
          {spec.lines.length > 1 && <Legend />}
          {spec.lines.map((line, i) => (
            <Line
              key={line.dataKey}
              type="monotone"
              dataKey={line.dataKey}
              name={line.name}
              stroke={line.color}
              strokeWidth={2}
              isAnimationActive={false}
              dot={renderDot(i === 0, line.color)}
              activeDot={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Paper>
  );
}

/** The four keys over the report's buckets; clicking a point selects it. */
export function DoraCharts(props: {
  report: DoraReport;
  selected?: ChartPoint;
  onSelect: (point: ChartPoint) => void;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const specs = chartSpecs(props.report, {
    primary: theme.palette.primary.main,
    secondary: theme.palette.secondary.main,
  });
  return (
    <>
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.hint}
      >
        Select a point to list the deployments behind it.
      </Typography>
      <Grid container spacing={2}>
        {specs.map(spec => (
          <Grid item xs={12} md={6} key={spec.key}>
            <KeyChart
              spec={spec}
              bucket={props.report.bucket}
              selected={props.selected}
              onSelect={props.onSelect}
            />
          </Grid>
        ))}
      </Grid>
    </>
  );
}
