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
import { releaseName } from '@slipway/plugin-gitops-common';
import {
  DeliveryTitles,
  useDeliveryTitles,
} from '../../hooks/useDeliveryBoard';
import { CatalogUserMatcher, useCatalogUsers } from '../common/useCatalogUsers';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace' },
  nowrap: { whiteSpace: 'nowrap' },
  head: {
    '& th': {
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
  },
  // Fixed column widths: the table fits the page (1440 px windows included) and long values are
  // shortened with an ellipsis, their full text on hover.
  table: { tableLayout: 'fixed', width: '100%' },
  cut: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  caption: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  details: {
    margin: 0,
    padding: theme.spacing(1, 2),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  detailsCell: { paddingTop: 0, paddingBottom: 0 },
  // Outcome and a Git flag wrap under each other rather than being cut.
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    alignItems: 'center',
    // A chip wider than its column is shortened (full text on hover), never drawn over the next.
    '& > *': { maxWidth: '100%' },
  },
}));

function Actor({ actor, users }: { actor: string; users: CatalogUserMatcher }) {
  const ref = actorEntityRef(actor);
  if (ref) return <EntityRefLink entityRef={ref} defaultKind="user" />;
  // A Git author who is a catalog user links to them, with the Git identity on hover.
  const user = actor.startsWith('git:') ? users(actor) : undefined;
  return user ? (
    <span title={actorLabel(actor)}>
      <EntityRefLink entityRef={user} defaultKind="user" />
    </span>
  ) : (
    <span title={actorLabel(actor)}>{actorLabel(actor)}</span>
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

function Release({
  event,
  titles,
}: {
  event: AuditEvent;
  titles: DeliveryTitles;
}) {
  const releaseLink = useReleaseLink();
  const id = event.releaseId;
  if (!id) return <>—</>;
  const path = releaseLink(id);
  const version = event.details?.version;
  // Named like everywhere else ("Payments 1.4.3 → Production"); the id is on hover.
  const label = event.product
    ? releaseName(
        {
          product: event.product,
          version: typeof version === 'string' ? version : undefined,
          environments: event.environment
            ? [{ environment: event.environment }]
            : [],
        },
        titles,
      )
    : `${id.slice(0, 8)}…`;
  return path ? (
    <Link to={path} title={`Release ${id}`}>
      {label}
    </Link>
  ) : (
    <span title={`Release ${id}`}>{label}</span>
  );
}

/** What the event was done to; an imported commit shows its message, with the repository on hover. */
function Target({ event }: { event: AuditEvent }) {
  const classes = useStyles();
  const subject = event.details?.subject;
  if (event.source === 'git' && typeof subject === 'string') {
    return (
      <span className={classes.caption} title={`${subject}\n${event.target}`}>
        {subject}
      </span>
    );
  }
  return (
    <span className={classes.caption} title={event.target}>
      {event.target}
    </span>
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

/** Product and environment of the event, by their titles ("Payments · Production"). */
function Where({
  event,
  titles,
  compact,
}: {
  event: AuditEvent;
  titles: DeliveryTitles;
  compact?: boolean;
}) {
  const classes = useStyles();
  const parts = [
    !compact && event.product ? titles.product(event.product) : undefined,
    event.environment ? titles.environment(event.environment) : undefined,
  ].filter(Boolean);
  const full = [event.product, event.environment].filter(Boolean).join(' · ');
  return (
    <span className={classes.caption} title={full || undefined}>
      {parts.length ? parts.join(' · ') : '—'}
    </span>
  );
}

/**
 * Audit events newest first, each row expandable to its full record. Seven columns that fit a 1440 px
 * window without shortening what matters: when; who (and through what: api, engine or git); what
 * (the action, and the target or an imported commit's message under it); where (product and
 * environment); outcome; commit; release. The compact table (Delivery tab) drops the target and
 * product, which its page already names.
 */
export function AuditEventsTable(props: {
  events: AuditEvent[];
  label: string;
  compact?: boolean;
}) {
  const classes = useStyles();
  const titles = useDeliveryTitles();
  const users = useCatalogUsers();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen(current => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columnCount = 7;
  // Relative widths of the seven columns, then the details toggle.
  const widths: Array<[string, number]> = [
    ['time', 13],
    ['actor', 13],
    ['action', 21],
    ['where', 13],
    ['outcome', 14],
    ['commit', 8],
    ['release', 18],
  ];
  const total = widths.reduce((sum, [, w]) => sum + w, 0);

  return (
    <div>
      <Table size="small" aria-label={props.label} className={classes.table}>
        <colgroup>
          {widths.map(([name, w]) => (
            <col key={name} style={{ width: `${(w * 96) / total}%` }} />
          ))}
          <col style={{ width: 40 }} />
        </colgroup>
        <TableHead className={classes.head}>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Actor</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>{props.compact ? 'Environment' : 'Where'}</TableCell>
            <TableCell>Outcome</TableCell>
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
                  <TableCell className={classes.cut}>
                    <Typography variant="body2" className={classes.caption}>
                      {formatTimestamp(event.time)}
                    </Typography>
                    <Typography variant="caption" color="textSecondary">
                      <Age at={event.time} />
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.cut}>
                    <div className={classes.caption}>
                      <Actor actor={event.actor} users={users} />
                    </div>
                    {event.actor !== event.source && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        title="Where the event came from: an API call, the promotion engine, or Git history"
                      >
                        {event.source}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell className={classes.cut}>
                    <div
                      className={`${classes.mono} ${classes.caption}`}
                      title={event.action}
                    >
                      {event.action}
                    </div>
                    {!props.compact && (
                      <Typography variant="caption" color="textSecondary">
                        <Target event={event} />
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell className={classes.cut}>
                    <Where
                      event={event}
                      titles={titles}
                      compact={props.compact}
                    />
                  </TableCell>
                  <TableCell>
                    <div className={classes.chips}>
                      <OutcomeChip outcome={event.outcome} />
                      <GitFlagChip event={event} />
                    </div>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <Commit event={event} />
                  </TableCell>
                  <TableCell className={classes.cut}>
                    <Release event={event} titles={titles} />
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
