import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  dot: {
    width: 8,
    height: 8,
    borderRadius: '50%',
    marginLeft: theme.spacing(1),
    flexShrink: 0,
  },
}));

export interface StatusChipProps {
  label: string;
  color: string;
  /** Shown on hover, e.g. Argo CD's health message. */
  tooltip?: string;
}

/** A small outlined chip with a coloured dot; the base of the health, sync and runtime chips. */
export function StatusChip({ label, color, tooltip }: StatusChipProps) {
  const classes = useStyles();
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      style={{ borderColor: color }}
      icon={<span className={classes.dot} style={{ background: color }} />}
      label={label}
    />
  );
  return tooltip ? (
    <Tooltip title={tooltip}>
      <span>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}
