import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { gitopsAuditReadPermission } from '@slipway/plugin-gitops-common';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { AuditEventsTable } from './AuditEventsTable';
import { AuditFilters } from './AuditFilters';
import { CsvDownloadButton } from '../common/CsvDownloadButton';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { useAuditPages } from './useAuditPages';
import { useAuditQuery } from './useAuditQuery';
import { useLoadMoreSentinel } from './useLoadMoreSentinel';

const PAGE_SIZE = 50;

const useStyles = makeStyles(theme => ({
  footer: {
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
  },
}));

const sortedUnique = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/** Names of the defined products and environments, for the filters; empty when they cannot be read. */
function useFilterOptions() {
  const api = useApi(gitopsApiRef);
  const products = useAsync(
    () =>
      api
        .getProducts()
        .then(r => r.items.map(p => p.product.name))
        .catch((): string[] => []),
    [api],
  );
  const environments = useAsync(
    () =>
      api
        .getEnvironments()
        .then(r => r.items.map(e => e.name))
        .catch((): string[] => []),
    [api],
  );
  return {
    products: products.value ?? [],
    environments: environments.value ?? [],
  };
}

function AuditLog() {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { filter, setFilter, clearFilters } = useAuditQuery();
  const options = useFilterOptions();
  const pages = useAuditPages(filter, { enabled: true, pageSize: PAGE_SIZE });
  // New events (Slipway's own, imported commits) appear without a reload.
  useReloadOnSignal('gitops:audit', pages.refresh);
  const more = !!pages.nextCursor && !pages.error;
  const sentinel = useLoadMoreSentinel<HTMLDivElement>(
    pages.loadMore,
    more && !pages.loading,
    pages.items.length,
  );
  const filtered = Object.values(filter).some(Boolean);

  let content: JSX.Element;
  if (pages.initial) {
    content = pages.error ? (
      <ResponseErrorPanel error={pages.error} />
    ) : (
      <Progress />
    );
  } else if (pages.items.length === 0) {
    content = filtered ? (
      <Typography variant="body2" color="textSecondary">
        No audit events match these filters.
      </Typography>
    ) : (
      <EmptyState
        missing="data"
        title="No audit events yet"
        description="Slipway records every change it makes, and the commits others push to its repositories."
      />
    );
  } else {
    content = (
      <>
        <AuditEventsTable events={pages.items} label="Audit events" />
        <div className={classes.footer} ref={sentinel}>
          {pages.error && (
            <Typography variant="body2" color="error" role="alert">
              Could not load more events: {pages.error.message}
            </Typography>
          )}
          {pages.loading && <CircularProgress size={20} />}
          {(more || pages.error) && !pages.loading && (
            <Button
              size="small"
              onClick={pages.error ? pages.retry : pages.loadMore}
            >
              {pages.error ? 'Retry' : 'Load more'}
            </Button>
          )}
          {!pages.nextCursor && !pages.error && (
            <Typography variant="caption" color="textSecondary">
              {pages.items.length === 1
                ? '1 event'
                : `${pages.items.length} events`}
              , the beginning of the log
            </Typography>
          )}
        </div>
      </>
    );
  }

  return (
    <>
      <AuditFilters
        filter={filter}
        products={sortedUnique([...options.products, filter.product])}
        environments={sortedUnique([
          ...options.environments,
          filter.environment,
        ])}
        onChange={setFilter}
        onClear={clearFilters}
        actions={
          <CsvDownloadButton
            label="Download CSV"
            failure="CSV download failed"
            csvUrl={() => {
              // The export covers every page, so no cursor or page size.
              const { cursor: _cursor, limit: _limit, ...rest } = filter;
              return api.getAuditCsvUrl(rest);
            }}
          />
        }
      />
      {content}
    </>
  );
}

/** The audit log: who changed what, where, and whether they were allowed; for those who may read it. */
export function AuditView() {
  const { allowed, loading } = usePermission({
    permission: gitopsAuditReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <EmptyState
        missing="info"
        title="You may not read the audit log"
        description="Reading Slipway's audit log needs the gitops.audit.read permission. Ask your Backstage administrators for it."
      />
    );
  }
  return <AuditLog />;
}
