import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import type { AuditEvent } from '@slipway/plugin-gitops-common';
import { Fragment, useState } from 'react';
import { Age } from '../common/Age';
import { formatTimestamp } from '../common/time';
import { GitFlagChip } from './GitFlagChip';
import { OutcomeChip } from './OutcomeChip';
import { actorEntityRef, actorLabel, githubCommitUrl } from './auditLinks';
import { useReleaseLink } from '../Releases/useReleaseLink';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace' },
  nowrap: { whiteSpace: 'nowrap' },
  // Short values and headings stay on one line; the long target wraps instead.
  head: { '& th': { whiteSpace: 'nowrap' } },
  // A narrow page scrolls the table sideways instead of squeezing its columns.
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  target: { minWidth: 160, maxWidth: 320, wordBreak: 'break-word' },
  details: {
    margin: 0,
    padding: theme.spacing(1, 2),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  detailsCell: { paddingTop: 0, paddingBottom: 0 },
}));

/** Columns the compact (Delivery tab) table leaves out. */
type WideColumn = 'target' | 'product' | 'source';

function Actor({ actor }: { actor: string }) {
  const ref = actorEntityRef(actor);
  return ref ? (
    <EntityRefLink entityRef={ref} defaultKind="user" />
  ) : (
    <span>{actorLabel(actor)}</span>
  );
}

function Commit({ event }: { event: AuditEvent }) {
  const classes = useStyles();
  if (!event.commitSha) return <>—</>;
  const short = event.commitSha.slice(0, 7);
  const url = githubCommitUrl(event.repository, event.commitSha);
  return url ? (
    <Link to={url} className={classes.mono} title={event.commitSha}>
      {short}
    </Link>
  ) : (
    <span
      className={classes.mono}
      title={[event.repository, event.commitSha].filter(Boolean).join(' @ ')}
    >
      {short}
    </span>
  );
}

function Release({ id }: { id?: string }) {
  const releaseLink = useReleaseLink();
  if (!id) return <>—</>;
  const path = releaseLink(id);
  const label = id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return path ? (
    <Link to={path} title={`Release ${id}`}>
      {label}
    </Link>
  ) : (
    <span title={id}>{label}</span>
  );
}

/** Everything recorded about the event that the columns do not show. */
function detailsText(event: AuditEvent): string {
  const extra = {
    id: event.id,
    time: event.time,
    actor: event.actor,
    ...(event.runtime ? { runtime: event.runtime } : {}),
    ...(event.repository ? { repository: event.repository } : {}),
    ...(event.commitSha ? { commit: event.commitSha } : {}),
    ...(event.releaseId ? { release: event.releaseId } : {}),
    details: event.details ?? {},
  };
  return JSON.stringify(extra, null, 2);
}

/**
 * Audit events newest first: time, actor, action, target, product, environment, outcome, source,
 * commit and release, each row expandable to its full record.
 */
export function AuditEventsTable(props: {
  events: AuditEvent[];
  label: string;
  compact?: boolean;
}) {
  const classes = useStyles();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const hidden = new Set<WideColumn>(
    props.compact ? ['target', 'product', 'source'] : [],
  );
  const toggle = (id: string) =>
    setOpen(current => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columnCount = 10 - hidden.size;

  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label={props.label}>
        <TableHead className={classes.head}>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Actor</TableCell>
            <TableCell>Action</TableCell>
            {!hidden.has('target') && <TableCell>Target</TableCell>}
            {!hidden.has('product') && <TableCell>Product</TableCell>}
            <TableCell>Environment</TableCell>
            <TableCell>Outcome</TableCell>
            {!hidden.has('source') && <TableCell>Source</TableCell>}
            <TableCell>Commit</TableCell>
            <TableCell>Release</TableCell>
            <TableCell padding="checkbox">
              <span hidden>Details</span>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.events.map(event => {
            const expanded = open.has(event.id);
            return (
              <Fragment key={event.id}>
                <TableRow data-testid="audit-row" data-event-id={event.id}>
                  <TableCell className={classes.nowrap}>
                    <Typography variant="body2">
                      {formatTimestamp(event.time)}
                    </Typography>
                    <Typography variant="caption" color="textSecondary">
                      <Age at={event.time} />
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <Actor actor={event.actor} />
                  </TableCell>
                  <TableCell className={`${classes.mono} ${classes.nowrap}`}>
                    {event.action}
                  </TableCell>
                  {!hidden.has('target') && (
                    <TableCell className={classes.target}>
                      {event.target}
                    </TableCell>
                  )}
                  {!hidden.has('product') && (
                    <TableCell className={classes.nowrap}>
                      {event.product ?? '—'}
                    </TableCell>
                  )}
                  <TableCell className={classes.nowrap}>
                    {event.environment ?? '—'}
                  </TableCell>
                  <TableCell>
                    <OutcomeChip outcome={event.outcome} />{' '}
                    <GitFlagChip event={event} />
                  </TableCell>
                  {!hidden.has('source') && (
                    <TableCell className={classes.nowrap}>
                      {event.source}
                    </TableCell>
                  )}
                  <TableCell className={classes.nowrap}>
                    <Commit event={event} />
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <Release id={event.releaseId} />
                  </TableCell>
                  <TableCell padding="checkbox">
                    <IconButton
                      size="small"
                      aria-label={expanded ? 'Hide details' : 'Show details'}
                      aria-expanded={expanded}
                      onClick={() => toggle(event.id)}
                    >
                      {expanded ? (
                        <KeyboardArrowUpIcon fontSize="small" />
                      ) : (
                        <KeyboardArrowDownIcon fontSize="small" />
                      )}
                    </IconButton>
                  </TableCell>
                </TableRow>
                {expanded && (
                  <TableRow>
                    <TableCell
                      className={classes.detailsCell}
                      colSpan={columnCount + 1}
                    >
                      <Collapse in timeout={0}>
                        <Typography
                          component="pre"
                          className={classes.details}
                          aria-label={`Details of ${event.action}`}
                        >
                          {detailsText(event)}
                        </Typography>
                      </Collapse>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
