import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
  ramp: { fill: '#7df3e1' },
  hull: { fill: '#ffffff' },
});

/** Slipway's mark: a hull resting on a launch ramp. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 32 32" aria-hidden="true">
      <path className={classes.ramp} d="M2 28 L30 16 L30 20 L6 30 Z" />
      <path className={classes.hull} d="M8 20 L24 13 L26 16 L12 23 Z" />
      <path className={classes.hull} d="M15 16 L15 6 L21 13 Z" />
    </svg>
  );
};
