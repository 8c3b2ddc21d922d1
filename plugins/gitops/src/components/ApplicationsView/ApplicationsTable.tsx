import { Table, TableColumn } from '@backstage/core-components';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { Age } from '../common/Age';
import { HealthChip } from '../common/HealthChip';
import { ImageList } from '../common/ImageList';
import { SyncChip } from '../common/SyncChip';
import { shortRevision } from '../common/revision';
import { withRowIds } from '../common/rowIds';

function revisionOf(app: ApplicationSummary): string | undefined {
  return app.sync.revision ?? app.sync.revisions?.[0];
}

function columns(
  onSelect: (app: ApplicationSummary) => void,
): TableColumn<ApplicationSummary>[] {
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: a => (
        <>
          <Link
            component="button"
            variant="body2"
            style={{ textAlign: 'left', whiteSpace: 'nowrap' }}
            onClick={(e: React.MouseEvent) => {
              e.stopPropagation();
              onSelect(a);
            }}
          >
            {a.name}
          </Link>
          <Typography variant="caption" color="textSecondary" display="block">
            {a.namespace}
          </Typography>
        </>
      ),
    },
    { title: 'Runtime', field: 'runtime' },
    {
      title: 'Product',
      field: 'product',
      render: a =>
        a.product ? (
          <>
            {a.product}
            {a.environment && (
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {a.environment}
              </Typography>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: 'Health',
      field: 'health.status',
      render: a => (
        <HealthChip status={a.health.status} message={a.health.message} />
      ),
    },
    {
      title: 'Sync',
      field: 'sync.status',
      render: a => (
        <SyncChip
          status={a.sync.status}
          syncing={a.operation?.phase === 'Running'}
          tooltip={a.operation?.message}
        />
      ),
    },
    {
      title: 'Revision',
      field: 'sync.revision',
      render: a => {
        const revision = revisionOf(a);
        if (!revision) return '—';
        return (
          <Tooltip
            title={[revision, a.revisionMessage].filter(Boolean).join(' — ')}
          >
            <code>{shortRevision(revision)}</code>
          </Tooltip>
        );
      },
    },
    {
      title: 'Images',
      sorting: false,
      render: a => <ImageList images={a.images} max={2} />,
    },
    {
      title: 'Last synced',
      field: 'operation.finishedAt',
      render: a =>
        a.operation?.phase === 'Running' ? (
          <span>
            syncing since <Age at={a.operation.startedAt} />
          </span>
        ) : (
          <Age at={a.operation?.finishedAt} />
        ),
    },
  ];
}

// Module-level on purpose: the table re-creates its whole body whenever this element changes.
const EMPTY_CONTENT = (
  <Typography variant="body2" style={{ padding: 16 }}>
    No applications match these filters.
  </Typography>
);

/** Applications with health and sync chips; a click on a row opens its drawer. */
export function ApplicationsTable(props: {
  applications: ApplicationSummary[];
  loading?: boolean;
  onSelect: (app: ApplicationSummary) => void;
}) {
  const { applications, loading, onSelect } = props;
  // New column objects make the table re-create every cell, so they only change with the handler.
  const tableColumns = useMemo(() => columns(onSelect), [onSelect]);
  const rows = useMemo(
    () =>
      withRowIds(applications, a => `${a.runtime}/${a.namespace}/${a.name}`),
    [applications],
  );
  return (
    <Table<ApplicationSummary>
      title={`Applications (${applications.length})`}
      columns={tableColumns}
      data={rows}
      isLoading={loading}
      onRowClick={(_e, row) => row && onSelect(row)}
      options={{
        search: false,
        paging: applications.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        padding: 'dense',
      }}
      emptyContent={EMPTY_CONTENT}
    />
  );
}
