import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import type { DoraBand, DoraReport } from '@slipway/plugin-gitops-common';
import { StatusChip } from '../common/StatusChip';
import { BAND_COLORS, BAND_LABELS, doraKeyViews } from './doraFormat';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(2),
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  value: { fontWeight: theme.typography.fontWeightMedium as number },
  info: { fontSize: 16, verticalAlign: 'middle', marginLeft: 4 },
}));

/** DORA's performance band of a figure, or "Not measured" when there is none. */
export function BandChip({ band }: { band?: DoraBand }) {
  if (!band) {
    return <StatusChip label="Not measured" color="#b0bec5" />;
  }
  return (
    <StatusChip
      label={BAND_LABELS[band]}
      color={BAND_COLORS[band]}
      tooltip={`DORA performance band: ${BAND_LABELS[band].toLowerCase()}`}
    />
  );
}

/**
 * The four keys side by side: figure, band, what it rests on and its definition (written out, or
 * behind an info icon when `compact`).
 */
export function DoraKeyTiles(props: { report: DoraReport; compact?: boolean }) {
  const classes = useStyles();
  const views = doraKeyViews(props.report);
  return (
    <Grid container spacing={2}>
      {views.map(view => (
        <Grid item xs={12} sm={6} lg={props.compact ? 6 : 3} key={view.key}>
          <Paper
            variant="outlined"
            className={classes.tile}
            role="group"
            aria-label={view.title}
          >
            <div className={classes.head}>
              <Typography variant="subtitle2" component="h3">
                {view.title}
                {props.compact && (
                  <Tooltip title={view.definition}>
                    <InfoOutlinedIcon
                      className={classes.info}
                      aria-label={`How ${view.title.toLowerCase()} is measured`}
                      titleAccess={view.definition}
                    />
                  </Tooltip>
                )}
              </Typography>
              <BandChip band={view.band} />
            </div>
            <Typography
              variant={props.compact ? 'h6' : 'h4'}
              component="p"
              className={classes.value}
            >
              {view.value ?? '—'}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {view.detail}
            </Typography>
            {!props.compact && (
              <Typography variant="caption" color="textSecondary">
                {view.definition}
              </Typography>
            )}
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
