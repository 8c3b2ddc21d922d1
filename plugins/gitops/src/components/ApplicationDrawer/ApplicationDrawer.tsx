import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import type { ApplicationRef } from '@slipway/plugin-gitops-common';
import { ApplicationDetails } from './ApplicationDetails';

const useStyles = makeStyles(theme => ({
  paper: {
    width: '60%',
    minWidth: 480,
    maxWidth: 960,
    padding: theme.spacing(3),
    [theme.breakpoints.down('sm')]: { width: '100%', minWidth: 0 },
  },
  close: {
    position: 'absolute',
    right: theme.spacing(1),
    top: theme.spacing(1),
  },
}));

/** Side drawer with the selected application; closed when no application is selected. */
export function ApplicationDrawer(props: {
  appRef?: ApplicationRef;
  uiUrl?: string;
  onClose: () => void;
}) {
  const classes = useStyles();
  const { appRef } = props;
  return (
    <Drawer
      anchor="right"
      open={!!appRef}
      onClose={props.onClose}
      classes={{ paper: classes.paper }}
    >
      {appRef && (
        <>
          <IconButton
            aria-label="Close details"
            className={classes.close}
            onClick={props.onClose}
          >
            <CloseIcon />
          </IconButton>
          <ApplicationDetails
            key={`${appRef.runtime}/${appRef.namespace}/${appRef.name}`}
            appRef={appRef}
            uiUrl={props.uiUrl}
          />
        </>
      )}
    </Drawer>
  );
}
