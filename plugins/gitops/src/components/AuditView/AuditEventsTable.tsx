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
import { releaseName } from '../Releases/releaseName';
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
}));

/** Columns the compact (Delivery tab) table leaves out. */
type WideColumn = 'target' | 'product' | 'source';

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
  const titles = useDeliveryTitles();
  const users = useCatalogUsers();
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
  // Relative widths; the compact table drops target, product and source.
  const widths: Array<[string, number]> = [
    ['time', 11],
    ['actor', 12],
    ['action', 13],
    ...(hidden.has('target') ? [] : [['target', 17] as [string, number]]),
    ...(hidden.has('product') ? [] : [['product', 9] as [string, number]]),
    ['environment', 9],
    ['outcome', 8],
    ...(hidden.has('source') ? [] : [['source', 5] as [string, number]]),
    ['commit', 6],
    ['release', 14],
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
                  <TableCell className={classes.cut}>
                    <Typography variant="body2" className={classes.caption}>
                      {formatTimestamp(event.time)}
                    </Typography>
                    <Typography variant="caption" color="textSecondary">
                      <Age at={event.time} />
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.cut}>
                    <Actor actor={event.actor} users={users} />
                  </TableCell>
                  <TableCell
                    className={`${classes.mono} ${classes.cut}`}
                    title={event.action}
                  >
                    {event.action}
                  </TableCell>
                  {!hidden.has('target') && (
                    <TableCell>
                      <Target event={event} />
                    </TableCell>
                  )}
                  {!hidden.has('product') && (
                    <TableCell className={classes.cut} title={event.product}>
                      {event.product ? titles.product(event.product) : '—'}
                    </TableCell>
                  )}
                  <TableCell className={classes.cut} title={event.environment}>
                    {event.environment
                      ? titles.environment(event.environment)
                      : '—'}
                  </TableCell>
                  <TableCell>
                    <OutcomeChip outcome={event.outcome} />{' '}
                    <GitFlagChip event={event} />
                  </TableCell>
                  {!hidden.has('source') && (
                    <TableCell className={classes.cut}>
                      {event.source}
                    </TableCell>
                  )}
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
