import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import {
  Release,
  gitopsReleaseManagePermission,
} from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Outcome, OutcomeAlert } from './OutcomeAlert';
import { actorLabel, errorMessage } from './releaseStatus';

const useStyles = makeStyles(theme => ({
  root: { marginTop: theme.spacing(1.5) },
  result: { marginTop: theme.spacing(1) },
}));

type Dialogs = 'request' | 'approve';

/**
 * The emergency override of a freeze holding the release: anyone who may manage the release asks
 * for it with a reason; a second person (not the initiator, not who asked) approves it. The backend
 * enforces both; its refusal is shown as it is.
 */
export function FreezeOverrideActions(props: {
  release: Release;
  onDone: (release: Release) => void;
}) {
  const { release } = props;
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const [open, setOpen] = useState<Dialogs>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const step = release.steps.find(
    s =>
      s.status === 'pre-gates' &&
      s.gates.some(g => g.type === 'freeze-window' && g.status === 'waiting'),
  );
  const { allowed } = usePermission({
    permission: gitopsReleaseManagePermission,
    resourceRef: `${release.product}:${step?.environment ?? ''}`,
  });
  const outcomeAlert = outcome && (
    <OutcomeAlert
      outcome={outcome}
      className={classes.result}
      onClose={() => setOutcome(undefined)}
    />
  );
  // Once the override let the release through, only the outcome is left to show.
  if (!step) {
    return outcomeAlert ? (
      <div className={classes.root}>{outcomeAlert}</div>
    ) : null;
  }
  const override = step.gates.find(g => g.type === 'freeze-window')?.override;

  const submit = async (what: Dialogs) => {
    setOpen(undefined);
    setBusy(true);
    setOutcome(undefined);
    try {
      const result =
        what === 'request'
          ? await api.requestFreezeOverride(release.id, { reason: text.trim() })
          : await api.approveFreezeOverride(release.id, {
              comment: text.trim() || undefined,
            });
      setOutcome({
        ok: true,
        message:
          what === 'request'
            ? 'Override asked for; someone else must approve it.'
            : `Override approved: the release continues into ${step.environment}.`,
      });
      props.onDone(result);
    } catch (e) {
      setOutcome({ ok: false, message: errorMessage(e) });
    } finally {
      setBusy(false);
      setText('');
    }
  };

  return (
    <div className={classes.root}>
      <Button
        variant={override ? 'contained' : 'outlined'}
        color="secondary"
        size="small"
        disabled={!allowed || busy}
        onClick={() => setOpen(override ? 'approve' : 'request')}
      >
        {override ? 'Approve freeze override' : 'Request freeze override'}
      </Button>
      {outcomeAlert}
      <ConfirmDialog
        open={open === 'request'}
        titleId="gitops-freeze-override-title"
        title={`Let this release through the ${step.environment} freeze?`}
        field={{
          id: 'gitops-freeze-override-reason',
          label: 'Reason',
          required: true,
          multiline: true,
          value: text,
          onChange: setText,
        }}
        confirmLabel="Request override"
        confirmColor="secondary"
        onCancel={() => setOpen(undefined)}
        onConfirm={() => submit('request')}
      >
        An emergency override takes effect only once a second person approves
        it. Your reason is recorded in the audit log.
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'approve'}
        titleId="gitops-freeze-override-approve-title"
        title="Approve the freeze override?"
        field={{
          id: 'gitops-freeze-override-comment',
          label: 'Comment (optional)',
          value: text,
          onChange: setText,
        }}
        confirmLabel="Approve override"
        confirmColor="secondary"
        onCancel={() => setOpen(undefined)}
        onConfirm={() => submit('approve')}
      >
        {override &&
          `${actorLabel(override.requestedBy)} asked: “${override.reason}”. `}
        The release then continues into {step.environment} despite the freeze.
      </ConfirmDialog>
    </div>
  );
}
