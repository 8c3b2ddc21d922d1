import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ApplicationDetail } from '@slipway/plugin-gitops-common';
import { ReactNode } from 'react';
import { Age } from '../common/Age';
import { ImageList } from '../common/ImageList';

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
    ['Revision', app.sync.revision ?? app.sync.revisions?.join(', ') ?? '—'],
    ['Commit message', app.revisionMessage ?? '—'],
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
