import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  Release,
  gitopsReleaseManagePermission,
  releaseName,
} from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { useDeliveryTitles } from '../../hooks/useDeliveryBoard';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Outcome, OutcomeAlert } from './OutcomeAlert';
import { errorMessage, isReleaseFinished } from './releaseStatus';

type Action = 'retry' | 'terminate' | 'approve';

const LABELS: Record<Action, { label: string; busy: string; done: string }> = {
  approve: { label: 'Approve', busy: 'Approving…', done: 'Approved' },
  retry: { label: 'Retry', busy: 'Retrying…', done: 'Retrying' },
  terminate: { label: 'Terminate', busy: 'Terminating…', done: 'Terminated' },
};

const useStyles = makeStyles(theme => ({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  result: { marginTop: theme.spacing(1.5) },
}));

function ActionButton(props: {
  action: Action;
  product: string;
  environment: string;
  busy: boolean;
  disabled: boolean;
  /** Why the backend would refuse this caller (e.g. they started the release); disables the button. */
  refusal?: string;
  onPress: () => void;
}) {
  const { label, busy } = LABELS[props.action];
  const { allowed, loading } = usePermission({
    permission: gitopsReleaseManagePermission,
    resourceRef: `${props.product}:${props.environment}`,
  });
  let why = '';
  if (!loading && !allowed) {
    why = `You are not allowed to manage releases of ${props.product} in ${props.environment}`;
  } else if (props.refusal) {
    why = props.refusal;
  }
  return (
    <Tooltip title={why}>
      <span>
        <Button
          variant={props.action === 'approve' ? 'contained' : 'outlined'}
          color={props.action === 'terminate' ? 'secondary' : 'primary'}
          size="small"
          aria-description={why || undefined}
          disabled={
            !allowed || loading || props.disabled || Boolean(props.refusal)
          }
          onClick={props.onPress}
          startIcon={props.busy ? <CircularProgress size={14} /> : undefined}
        >
          {props.busy ? busy : label}
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * Retry (a failed release), Terminate (one not finished) and Approve (a waiting manual approval),
 * each allowed per product and environment; the backend's refusal (e.g. the initiator approving
 * their own release) is shown as it is.
 */
export function ReleaseActions(props: {
  release: Release;
  onDone: (release: Release) => void;
}) {
  const { release } = props;
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const [running, setRunning] = useState<Action>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirmTerminate, setConfirmTerminate] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [comment, setComment] = useState('');
  const name = releaseName(release, useDeliveryTitles());

  const failedStep = release.steps.find(s => s.status === 'failed');
  const approvalStep = release.steps.find(s =>
    s.gates.some(g => g.type === 'manual-approval' && g.status === 'waiting'),
  );
  const approvalGate = approvalStep?.gates.find(
    g => g.type === 'manual-approval' && g.status === 'waiting',
  );
  // The backend says whether this caller may approve; absent (an older backend) means "try".
  const approvalRefusal =
    approvalGate?.canApprove === false
      ? approvalGate.cannotApproveReason ?? 'You may not approve this release'
      : undefined;
  const openStep =
    release.steps.find(
      s => !['succeeded', 'skipped', 'terminated', 'failed'].includes(s.status),
    ) ?? release.steps[release.steps.length - 1];

  const run = async (action: Action) => {
    setRunning(action);
    setOutcome(undefined);
    try {
      let result: Release;
      if (action === 'approve') {
        result = await api.approveRelease(release.id, {
          comment: comment.trim() || undefined,
        });
      } else if (action === 'retry')
        result = await api.retryRelease(release.id);
      else {
        result = await api.terminateRelease(release.id, {
          reason: reason.trim() || undefined,
        });
      }
      setOutcome({
        ok: true,
        message: `${LABELS[action].done} ${name}.`,
      });
      props.onDone(result);
    } catch (e) {
      setOutcome({
        ok: false,
        message: `${LABELS[action].label} failed: ${errorMessage(e)}`,
      });
    } finally {
      setRunning(undefined);
    }
  };

  // Which actions apply, in the order shown, with the environment whose permission each needs.
  const offered: Array<{ action: Action; environment: string }> = [];
  if (approvalStep)
    offered.push({ action: 'approve', environment: approvalStep.environment });
  if (release.status === 'failed' && failedStep)
    offered.push({ action: 'retry', environment: failedStep.environment });
  if (!isReleaseFinished(release.status) && openStep)
    offered.push({ action: 'terminate', environment: openStep.environment });
  const buttons = offered.map(({ action, environment }) => (
    <ActionButton
      key={action}
      action={action}
      product={release.product}
      environment={environment}
      busy={running === action}
      disabled={running !== undefined}
      refusal={action === 'approve' ? approvalRefusal : undefined}
      onPress={() => {
        if (action === 'terminate') setConfirmTerminate(true);
        else if (action === 'approve') setConfirmApprove(true);
        else run(action);
      }}
    />
  ));
  if (buttons.length === 0 && !outcome) return null;

  return (
    <div>
      <div className={classes.buttons}>{buttons}</div>
      {outcome && (
        <OutcomeAlert
          outcome={outcome}
          className={classes.result}
          onClose={() => setOutcome(undefined)}
        />
      )}
      <ConfirmDialog
        open={confirmTerminate}
        titleId="gitops-terminate-title"
        title={`Terminate ${name}?`}
        field={{
          id: 'gitops-terminate-reason',
          label: 'Reason (optional)',
          value: reason,
          onChange: setReason,
        }}
        confirmLabel="Terminate release"
        confirmColor="secondary"
        onCancel={() => setConfirmTerminate(false)}
        onConfirm={() => {
          setConfirmTerminate(false);
          run('terminate');
        }}
      >
        Steps that have not started will not run; commits already written stay
        in Git.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmApprove}
        titleId="gitops-approve-title"
        title={`Approve ${name}?`}
        field={{
          id: 'gitops-approve-comment',
          label: 'Comment (optional)',
          multiline: true,
          value: comment,
          onChange: setComment,
        }}
        confirmLabel="Approve"
        onCancel={() => setConfirmApprove(false)}
        onConfirm={() => {
          setConfirmApprove(false);
          run('approve');
        }}
      >
        {approvalStep &&
          `The release continues into ${approvalStep.environment}. `}
        Your name and comment are recorded in the commit (Slipway-Approved-By)
        and in the audit log.
      </ConfirmDialog>
    </div>
  );
}
