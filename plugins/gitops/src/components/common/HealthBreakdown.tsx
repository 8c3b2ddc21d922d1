import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { HEALTH_STATUSES, HealthStatus } from '@slipway/plugin-gitops-common';
import { HEALTH_COLORS } from './statusColors';

const useStyles = makeStyles(theme => ({
  root: { minWidth: 160 },
  bar: {
    display: 'flex',
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.action.hover,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
    fontSize: theme.typography.caption.fontSize,
  },
  dot: {
    display: 'inline-block',
    width: 8,
    height: 8,
    borderRadius: '50%',
    marginRight: 4,
  },
}));

/** A stacked bar of application health with a legend of the non-zero counts. */
export function HealthBreakdown({
  counts,
}: {
  counts: Partial<Record<HealthStatus, number>>;
}) {
  const classes = useStyles();
  const present = HEALTH_STATUSES.filter(s => (counts[s] ?? 0) > 0);
  const total = present.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total === 0) return <span>No applications</span>;
  const summary = present.map(s => `${counts[s]} ${s}`).join(', ');
  return (
    <div className={classes.root} aria-label={`Application health: ${summary}`}>
      <Tooltip title={summary}>
        <div className={classes.bar}>
          {present.map(s => (
            <span
              key={s}
              style={{
                width: `${((counts[s] ?? 0) / total) * 100}%`,
                background: HEALTH_COLORS[s],
              }}
            />
          ))}
        </div>
      </Tooltip>
      <div className={classes.legend}>
        {present.map(s => (
          <span key={s}>
            <span
              className={classes.dot}
              style={{ background: HEALTH_COLORS[s] }}
            />
            {counts[s]} {s}
          </span>
        ))}
      </div>
    </div>
  );
}
