import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ApplicationDetail,
  HistoryEntry,
} from '@slipway/plugin-gitops-common';
import { ReactNode } from 'react';
import { Age } from '../common/Age';
import { ImageList } from '../common/ImageList';
import { shortRevision } from '../common/revision';
import { gitRevisions } from './historyRevisions';
import { CommitInfo } from './HistoryPanel';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0, wordBreak: 'break-word' },
}));

const newestDeployment = (app: ApplicationDetail) =>
  app.history.reduce<HistoryEntry | undefined>(
    (newest, entry) => (!newest || entry.id > newest.id ? entry : newest),
    undefined,
  );

/**
 * The commit(s) running: the newest deployment's, not Argo CD's compared revision, which is the
 * repository head and, while the app is out of sync, not what runs.
 */
function SyncedRevision({ app }: { app: ApplicationDetail }) {
  const deployed = newestDeployment(app);
  if (!deployed) return <>—</>;
  const commits = gitRevisions(deployed);
  if (commits.length === 0) {
    return <>{deployed.revision ?? deployed.revisions?.join(', ') ?? '—'}</>;
  }
  return (
    <>
      {commits.map(target => (
        <CommitInfo
          key={`${target.sourceIndex ?? ''}/${target.revision}`}
          appRef={app}
          target={target}
          autoLoad
        />
      ))}
    </>
  );
}

/** The compared revision when it is not the one deployed (single-source apps). */
function targetRevision(app: ApplicationDetail): string | undefined {
  const compared = app.sync.revision;
  const deployed = newestDeployment(app)?.revision;
  return compared && deployed && compared !== deployed ? compared : undefined;
}

/** Project, destination, sources, sync policy, the last operation and images. */
export function SummaryPanel({ app }: { app: ApplicationDetail }) {
  const classes = useStyles();
  const op = app.operationState ?? app.operation;
  const rows: [string, ReactNode][] = [
    ['Project', app.project],
    [
      'Destination',
      `${app.destination.name ?? app.destination.server ?? '—'}${
        app.destination.namespace ? ` / ${app.destination.namespace}` : ''
      }`,
    ],
    [
      app.sources.length > 1 ? 'Sources' : 'Source',
      app.sources.length === 0
        ? '—'
        : app.sources.map((s, i) => (
            <div key={i}>
              {s.repoURL}
              {s.chart ? ` chart ${s.chart}` : ''}
              {s.path ? ` · ${s.path}` : ''}
              {s.targetRevision ? ` @ ${s.targetRevision}` : ''}
            </div>
          )),
    ],
    ['Synced revision', <SyncedRevision app={app} />],
    ...(targetRevision(app)
      ? [
          [
            'Target revision',
            <>
              <code>{shortRevision(targetRevision(app))}</code> — newer in Git,
              not synced yet
            </>,
          ] as [string, ReactNode],
        ]
      : []),
    ['Auto-sync', app.autoSync ? 'on' : 'off'],
    [
      'Last operation',
      op ? (
        <>
          {op.phase}
          {op.message ? ` — ${op.message}` : ''} (
          <Age at={op.finishedAt ?? op.startedAt} />)
        </>
      ) : (
        '—'
      ),
    ],
    ['Reconciled', <Age at={app.reconciledAt} />],
    ['Sync options', app.syncOptions.length ? app.syncOptions.join(', ') : '—'],
    ['Images', <ImageList images={app.images} />],
  ];
  return (
    <dl className={classes.grid}>
      {rows.map(([term, value]) => (
        <Typography
          key={term}
          component="div"
          variant="body2"
          style={{ display: 'contents' }}
        >
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </Typography>
      ))}
    </dl>
  );
}
