import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ApplicationPromotion,
  ReleaseGate,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { ActorLink } from '../common/ActorLink';
import { StatusChip } from '../common/StatusChip';
import { repositoryCommitUrl } from '../common/deliveryLinks';
import { shortRevision } from '../common/revision';
import { Countdown } from './Countdown';
import { StepStatusChip } from './ReleaseStatusChip';
import {
  APP_COLORS,
  GATE_COLORS,
  GATE_LABELS,
  actorLabel,
  statusLabel,
} from './releaseStatus';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
  },
  gates: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  gate: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  error: { color: theme.palette.error.main, whiteSpace: 'pre-wrap' },
  muted: { color: theme.palette.text.secondary },
  mono: { fontFamily: 'monospace' },
}));

/** What an outside system decided on a callback gate: who, when, why, and a link to its record. */
function CallbackDecision({
  decision,
}: {
  decision: NonNullable<ReleaseGate['callback']>;
}) {
  const classes = useStyles();
  return (
    <Typography variant="body2" className={classes.muted}>
      {decision.outcome} by {decision.by} <Age at={decision.at} />
      {decision.reason && `: “${decision.reason}”`}
      {decision.url && (
        <>
          {' · '}
          <Link href={decision.url} target="_blank" rel="noopener noreferrer">
            record
          </Link>
        </>
      )}
    </Typography>
  );
}

function GateRow({ gate }: { gate: ReleaseGate }) {
  const classes = useStyles();
  const typeLabel = GATE_LABELS[gate.type] ?? gate.type;
  const label = gate.name ? `${typeLabel} ${gate.name}` : typeLabel;
  const held = gate.status === 'waiting' || gate.status === 'pending';
  return (
    <li className={classes.gate} aria-label={`${label} gate`}>
      <StatusChip
        label={`${label}: ${statusLabel(gate.status)}`}
        color={GATE_COLORS[gate.status] ?? GATE_COLORS.pending}
      />
      <Typography variant="caption" className={classes.muted}>
        {gate.phase === 'pre' ? 'before committing' : 'after verifying'}
      </Typography>
      {gate.reason && <Typography variant="body2">{gate.reason}</Typography>}
      {gate.until && held && (
        <Typography variant="body2" className={classes.muted}>
          <Countdown
            until={gate.until}
            prefix={gate.type === 'freeze-window' ? 'lifts' : 'ends'}
          />
        </Typography>
      )}
      {gate.type === 'manual-approval' &&
        held &&
        gate.approvers &&
        gate.approvers.length > 0 && (
          <Typography variant="body2" className={classes.muted}>
            approvers: {gate.approvers.map(actorLabel).join(', ')}
          </Typography>
        )}
      {gate.approvedBy && (
        <Typography variant="body2" className={classes.muted}>
          approved by <ActorLink actor={gate.approvedBy} />{' '}
          {gate.approvedAt && <Age at={gate.approvedAt} />}
          {gate.approvalComment && `: “${gate.approvalComment}”`}
        </Typography>
      )}
      {gate.callback && <CallbackDecision decision={gate.callback} />}
      {gate.override && (
        <Typography variant="body2" className={classes.muted}>
          emergency override asked for by{' '}
          <ActorLink actor={gate.override.requestedBy} />: “
          {gate.override.reason}”
          {gate.override.approvedBy ? (
            <>
              {' · approved by '}
              <ActorLink actor={gate.override.approvedBy} />
              {gate.override.approvalComment &&
                `: “${gate.override.approvalComment}”`}
            </>
          ) : (
            ' · waiting for a second person'
          )}
        </Typography>
      )}
    </li>
  );
}

function ChangeLink({ app }: { app: ApplicationPromotion }) {
  const classes = useStyles();
  if (app.pullRequest) {
    return (
      <Link
        href={app.pullRequest.url}
        target="_blank"
        rel="noopener noreferrer"
      >
        PR #{app.pullRequest.number} ({app.pullRequest.state})
      </Link>
    );
  }
  if (!app.commitSha) return <span className={classes.muted}>—</span>;
  const url = app.commitUrl ?? repositoryCommitUrl(app.repoURL, app.commitSha);
  const short = shortRevision(app.commitSha);
  return url ? (
    <Link href={url} target="_blank" rel="noopener noreferrer">
      {short}
    </Link>
  ) : (
    <code title={app.commitSha}>{short}</code>
  );
}

/** One environment of a release: its gates (with reasons and countdowns) and each application's change. */
export function ReleaseStepPanel({ step }: { step: ReleaseStep }) {
  const classes = useStyles();
  return (
    <section aria-label={`Step ${step.environment}`}>
      <div className={classes.header}>
        <Typography variant="h6">{step.environment}</Typography>
        <StepStatusChip status={step.status} />
        <Typography variant="body2" className={classes.muted}>
          {step.action === 'pull-request' ? 'pull request' : 'commit'}
          {step.dependsOn.length > 0 && ` · after ${step.dependsOn.join(', ')}`}
          {step.startedAt && (
            <>
              {' · started '}
              <Age at={step.startedAt} />
            </>
          )}
          {step.finishedAt && (
            <>
              {' · finished '}
              <Age at={step.finishedAt} />
            </>
          )}
        </Typography>
      </div>
      {step.error && (
        <Typography variant="body2" className={classes.error} role="alert">
          {step.error}
        </Typography>
      )}
      {step.gates.length > 0 && (
        <ul
          className={classes.gates}
          aria-label={`Gates of ${step.environment}`}
        >
          {step.gates.map((gate, i) => (
            <GateRow key={`${gate.phase}-${gate.type}-${i}`} gate={gate} />
          ))}
        </ul>
      )}
      <Table size="small" aria-label={`Applications in ${step.environment}`}>
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Change</TableCell>
            <TableCell>Argo CD</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {step.applications.length === 0 && (
            <TableRow>
              <TableCell colSpan={4} className={classes.muted}>
                No application of the product in {step.environment}.
              </TableCell>
            </TableRow>
          )}
          {step.applications.map(app => (
            <TableRow
              key={`${app.application.runtime}/${app.application.namespace}/${app.application.name}`}
            >
              <TableCell>
                {app.application.name}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {app.application.runtime} · {app.path}
                </Typography>
              </TableCell>
              <TableCell>
                <StatusChip
                  label={statusLabel(app.status)}
                  color={APP_COLORS[app.status] ?? APP_COLORS.pending}
                />
                {app.error && (
                  <Typography
                    variant="body2"
                    className={classes.error}
                    style={{ marginTop: 4 }}
                  >
                    {app.error}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <ChangeLink app={app} />
              </TableCell>
              <TableCell>
                {[app.health, app.sync].filter(Boolean).join(' · ') || '—'}
                {app.syncedRevision && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                    className={classes.mono}
                  >
                    at {shortRevision(app.syncedRevision)}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
