import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { RuntimeHealth } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { Age } from '../common/Age';
import { HealthBreakdown } from '../common/HealthBreakdown';
import { RuntimeStatusChip } from '../common/RuntimeStatusChip';
import { formatAge } from '../common/time';
import { ClustersCell } from './ClustersCell';
import { ComponentsCell } from './ComponentsCell';
import { useRuntimeLink } from './useRuntimeLink';

function freshnessText(runtime: RuntimeHealth): string {
  const mode =
    runtime.freshness.mode === 'stream'
      ? 'live from the Argo CD stream'
      : 'polled';
  const snapshot = formatAge(runtime.freshness.snapshotAt);
  return `Applications ${mode}${
    snapshot ? `, full load ${snapshot}` : ''
  }; checked ${formatAge(runtime.checkedAt) ?? 'never'}`;
}

const columns = (
  runtimeLink: (name: string) => string | undefined,
): TableColumn<RuntimeHealth>[] => [
  {
    title: 'Runtime',
    field: 'name',
    highlight: true,
    render: r => {
      const link = runtimeLink(r.name);
      return (
        <>
          <Typography variant="body2">
            {link ? (
              <Link to={link} aria-label={`Runtime ${r.title}`}>
                <strong>{r.title}</strong>
              </Link>
            ) : (
              <strong>{r.title}</strong>
            )}
          </Typography>
          {r.title !== r.name && (
            <Typography variant="caption" color="textSecondary">
              {r.name}
            </Typography>
          )}
        </>
      );
    },
  },
  {
    title: 'Status',
    field: 'reachable',
    render: r => (
      <RuntimeStatusChip reachable={r.reachable} tooltip={freshnessText(r)} />
    ),
  },
  {
    title: 'Argo CD',
    field: 'version',
    render: r => (
      <span style={{ whiteSpace: 'nowrap' }}>{r.version ?? '—'}</span>
    ),
  },
  {
    title: 'Components',
    sorting: false,
    render: r => <ComponentsCell components={r.components} />,
  },
  {
    title: 'Clusters',
    sorting: false,
    render: r => <ClustersCell clusters={r.clusters} />,
  },
  {
    title: 'Applications',
    field: 'applications.total',
    render: r => (
      <>
        <HealthBreakdown counts={r.applications.health} />
        {r.applications.sync.OutOfSync > 0 && (
          <Typography variant="caption" color="textSecondary">
            {r.applications.sync.OutOfSync} out of sync
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Last error',
    sorting: false,
    render: r =>
      r.lastError ? (
        <>
          <Typography variant="body2" color="error">
            {r.lastError.kind}: {r.lastError.message}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            <Age at={r.lastError.at} />
          </Typography>
        </>
      ) : (
        '—'
      ),
  },
  {
    title: 'Links',
    sorting: false,
    render: r =>
      r.uiUrl ? (
        <Link to={r.uiUrl} aria-label={`Open ${r.title} in Argo CD`}>
          Argo CD <OpenInNewIcon fontSize="inherit" />
        </Link>
      ) : (
        '—'
      ),
  },
];

/** One row per runtime: reachability, version, components, clusters, application health, last error. */
export function RuntimesTable({
  runtimes,
  loading,
}: {
  runtimes: RuntimeHealth[];
  loading?: boolean;
}) {
  const runtimeLink = useRuntimeLink();
  const tableColumns = useMemo(() => columns(runtimeLink), [runtimeLink]);
  return (
    <Table<RuntimeHealth>
      title="Runtimes"
      columns={tableColumns}
      data={runtimes}
      isLoading={loading}
      options={{
        paging: runtimes.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
