import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, ButtonIcon } from '@backstage/ui';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import RefreshIcon from '@material-ui/icons/Refresh';
import SyncIcon from '@material-ui/icons/Sync';
import {
  ApplicationActionResult,
  ApplicationDetail,
  ApplicationRef,
  SyncApplicationRequest,
  gitopsApplicationRefreshPermission,
  gitopsApplicationSyncPermission,
} from '@slipway/plugin-gitops-common';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { errorMessage } from '../Releases/releaseStatus';
import { SyncDialog } from './SyncDialog';

type Action = 'sync' | 'refresh';

const useStyles = makeStyles(theme => ({
  buttons: { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
  result: { marginTop: theme.spacing(2) },
}));

interface Outcome {
  action: Action;
  ok: boolean;
  message: string;
}

function describe(
  result: ApplicationActionResult,
  request?: SyncApplicationRequest,
): string {
  const app = result.application;
  if (result.action === 'sync') {
    const op = app.operation;
    const what = request?.dryRun ? 'Dry run' : 'Sync';
    return op
      ? `${what} of ${app.name} started: operation ${op.phase}${
          op.message ? ` (${op.message})` : ''
        }.`
      : `${what} of ${app.name} requested.`;
  }
  return `Refreshed ${app.name}: ${app.health.status}, ${
    app.sync.status === 'OutOfSync' ? 'out of sync' : app.sync.status
  }.`;
}

function ActionButton(props: {
  label: string;
  permission: BasicPermission;
  busy: boolean;
  disabled: boolean;
  /** Why the button is disabled, when it is for another reason than permission. */
  disabledReason?: string;
  icon: JSX.Element;
  onPress: () => void;
}) {
  const { allowed, loading } = usePermission({ permission: props.permission });
  const button = (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      disabled={
        !allowed || loading || props.disabled || !!props.disabledReason
      }
      onClick={props.onPress}
      startIcon={props.busy ? <CircularProgress size={14} /> : props.icon}
    >
      {props.busy ? `${props.label}ing…` : props.label}
    </Button>
  );
  // Always wrapped, so the button keeps its element when the permission answer arrives; a disabled
  // button gets no hover events, hence the span.
  return (
    <Tooltip
      title={
        loading || allowed
          ? props.disabledReason ?? ''
          : `You are not allowed to ${props.label.toLowerCase()} applications`
      }
    >
      <span>{button}</span>
    </Tooltip>
  );
}

/**
 * Sync (with its options, confirmed in a dialog) and Refresh, each shown busy while it runs and
 * followed by its result.
 */
export function ApplicationActions(props: {
  appRef: ApplicationRef;
  app: ApplicationDetail;
  onDone: () => void;
}) {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const [running, setRunning] = useState<Action>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [choosing, setChoosing] = useState(false);

  const run = async (action: Action, request?: SyncApplicationRequest) => {
    setRunning(action);
    setOutcome(undefined);
    try {
      const result =
        action === 'sync'
          ? await api.syncApplication(props.appRef, request)
          : await api.refreshApplication(props.appRef);
      setOutcome({ action, ok: true, message: describe(result, request) });
      props.onDone();
    } catch (e) {
      setOutcome({
        action,
        ok: false,
        message: `${action === 'sync' ? 'Sync' : 'Refresh'} failed: ${errorMessage(
          e,
        )}`,
      });
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <>
      <div className={classes.buttons}>
        <ActionButton
          label="Sync"
          permission={gitopsApplicationSyncPermission}
          icon={<SyncIcon />}
          busy={running === 'sync'}
          disabled={running !== undefined}
          disabledReason={
            // Argo CD refuses a second operation while one runs.
            props.app.operation?.phase === 'Running'
              ? 'An operation is running; sync again when it has finished'
              : undefined
          }
          onPress={() => setChoosing(true)}
        />
        <ActionButton
          label="Refresh"
          permission={gitopsApplicationRefreshPermission}
          icon={<RefreshIcon />}
          busy={running === 'refresh'}
          disabled={running !== undefined}
          onPress={() => run('refresh')}
        />
      </div>
      {choosing && (
        <SyncDialog
          app={props.app}
          onCancel={() => setChoosing(false)}
          onSync={request => {
            setChoosing(false);
            run('sync', request);
          }}
        />
      )}
      {outcome && (
        <Alert
          className={classes.result}
          role={outcome.ok ? 'status' : 'alert'}
          status={outcome.ok ? 'success' : 'danger'}
          icon
          title={outcome.message}
          customActions={
            <ButtonIcon
              aria-label="Dismiss"
              variant="tertiary"
              size="small"
              icon={<CloseIcon fontSize="small" />}
              onPress={() => setOutcome(undefined)}
            />
          }
        />
      )}
    </>
  );
}
