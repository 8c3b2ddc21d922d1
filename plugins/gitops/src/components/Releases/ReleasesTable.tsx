import { Link, Table, TableColumn } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReleaseSummary } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { Age } from '../common/Age';
import { ReleaseStatusChip } from './ReleaseStatusChip';
import { STEP_COLORS, statusLabel } from './releaseStatus';
import { releaseName } from '@slipway/plugin-gitops-common';
import { ActorLink } from '../common/ActorLink';
import { useDeliveryTitles } from '../../hooks/useDeliveryBoard';
import { ReleaseDuration } from './Countdown';

const useStyles = makeStyles(theme => ({
  version: { fontFamily: 'monospace', fontWeight: 600 },
  flow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  step: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  dot: { width: 8, height: 8, borderRadius: '50%', flexShrink: 0 },
  muted: { color: theme.palette.text.secondary },
}));

function FlowCell({ release }: { release: ReleaseSummary }) {
  const classes = useStyles();
  return (
    <span className={classes.flow}>
      <span className={classes.muted}>{release.sourceEnvironment} →</span>
      {release.environments.map(e => (
        <Tooltip
          key={e.environment}
          title={`${e.environment}: ${statusLabel(e.status)}`}
        >
          <span
            className={classes.step}
            aria-label={`${e.environment}: ${statusLabel(e.status)}`}
          >
            <span
              className={classes.dot}
              style={{ background: STEP_COLORS[e.status] }}
            />
            {e.environment}
          </span>
        </Tooltip>
      ))}
    </span>
  );
}

/**
 * Releases, newest first: status, version, where it goes (per-environment step status), who started
 * it and when, each linking to its page when the app mounts one.
 */
export function ReleasesTable(props: {
  releases: ReleaseSummary[];
  /** Unused: every release is named with its product ("Payments 1.4.3 → Production"). */
  showProduct?: boolean;
  releaseLink: (id: string) => string | undefined;
  title?: string;
  emptyContent?: JSX.Element;
}) {
  const classes = useStyles();
  const { releaseLink } = props;
  const titles = useDeliveryTitles();
  // Stable columns: material-table rebuilds its rows when they change.
  const columns = useMemo(
    (): TableColumn<ReleaseSummary>[] => [
      {
        title: 'Release',
        field: 'id',
        sorting: false,
        render: r => {
          const link = releaseLink(r.id);
          const name = releaseName(r, titles);
          return link ? (
            <Link to={link} title={`Release ${r.id}`}>
              {name}
            </Link>
          ) : (
            <span title={`Release ${r.id}`}>{name}</span>
          );
        },
      },
      {
        title: 'Status',
        field: 'status',
        render: r => (
          <ReleaseStatusChip
            status={r.status}
            tooltip={r.supersededBy ? 'Superseded by a newer release' : r.error}
          />
        ),
      },
      {
        title: 'Version',
        field: 'version',
        render: r => <span className={classes.version}>{r.version}</span>,
      },
      {
        title: 'Environments',
        field: 'environments',
        sorting: false,
        render: r => <FlowCell release={r} />,
      },
      {
        title: 'Initiator',
        field: 'initiator',
        render: r => (
          <>
            <ActorLink actor={r.initiator} />
            <Typography variant="caption" color="textSecondary" display="block">
              {r.kind === 'flow' && r.flow ? `flow ${r.flow}` : r.kind}
            </Typography>
          </>
        ),
      },
      {
        title: 'Started',
        field: 'createdAt',
        defaultSort: 'desc',
        render: r => (
          <>
            <Age at={r.createdAt} />
            <Typography variant="caption" color="textSecondary" display="block">
              <ReleaseDuration release={r} />
            </Typography>
          </>
        ),
      },
    ],
    [classes, releaseLink, titles],
  );
  return (
    <Table<ReleaseSummary>
      title={props.title}
      options={{
        paging: props.releases.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
        toolbar: Boolean(props.title),
      }}
      columns={columns}
      data={props.releases}
      emptyContent={props.emptyContent}
    />
  );
}
