import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DoraReport } from '@slipway/plugin-gitops-common';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
import { BucketDeployments } from './BucketDeployments';
import { ChangeSearch } from './ChangeSearch';
import { CsvDownloadButton } from '../common/CsvDownloadButton';
import { DoraCharts } from './DoraCharts';
import { DoraKeyTiles } from './DoraKeyTiles';
import { hasNoProductionDeployments } from './doraFormat';
import { InsightsFilters } from './InsightsFilters';
import {
  ChartPoint,
  INSIGHTS_FILTER_KEYS,
  InsightsFilterKey,
  browserTimeZone,
  doraQuery,
  insightsFilterFromParams,
  pointFromParams,
  pointParam,
} from './insightsParams';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(3) },
  range: { marginBottom: theme.spacing(2) },
}));

const sortedUnique = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/** Products, their owners and the production-tier environments, for the filters; empty when unreadable. */
function useFilterOptions() {
  const api = useApi(gitopsApiRef);
  const products = useAsync(
    () => api.getProducts().catch(() => undefined),
    [api],
  );
  const environments = useAsync(
    () => api.getEnvironments().catch(() => undefined),
    [api],
  );
  return {
    products: (products.value?.items ?? []).map(p => p.product.name),
    owners: (products.value?.items ?? []).map(p => p.product.owner),
    environments: (environments.value?.items ?? [])
      .filter(e => e.tier === 'production')
      .map(e => e.name),
  };
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

function Range({ report }: { report: DoraReport }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" color="textSecondary" className={classes.range}>
      Production-tier deployments from {day(report.from)} to {day(report.to)}{' '}
      (exclusive), per {report.bucket}, in {report.timeZone}.
    </Typography>
  );
}

/**
 * Slipway → Insights: the four DORA keys with their bands and definitions, charted per bucket, the
 * deployments behind a point, and "where is my change?". Filters and the selected point live in the URL.
 */
export function InsightsPage() {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { params, update } = useUpdateSearchParams();
  const filter = useMemo(() => insightsFilterFromParams(params), [params]);
  const point = useMemo(() => pointFromParams(params), [params]);
  const query = useMemo(() => doraQuery(filter, browserTimeZone()), [filter]);
  const options = useFilterOptions();
  const queryKey = JSON.stringify(query);
  const report = useAsync(
    () => api.getDoraMetrics(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey],
  );

  const setFilter = useCallback(
    (key: InsightsFilterKey, value: string | undefined) =>
      // A point of other filters' charts lists other deployments.
      update({ [key]: value, point: undefined }),
    [update],
  );
  const clearFilters = useCallback(
    () =>
      update(
        Object.fromEntries(
          [...INSIGHTS_FILTER_KEYS, 'point'].map(key => [key, undefined]),
        ),
      ),
    [update],
  );
  const selectPoint = useCallback(
    (selected: ChartPoint | undefined) =>
      update({ point: pointParam(selected) }),
    [update],
  );

  let content: JSX.Element;
  if (report.loading) {
    content = <Progress />;
  } else if (report.error) {
    content = <ResponseErrorPanel error={report.error} />;
  } else if (!report.value || hasNoProductionDeployments(report.value)) {
    content = (
      <EmptyState
        missing="data"
        title="No production deployments in this range"
        description="DORA metrics are measured from deployments to production-tier environments. None match these filters, so there is nothing to measure: widen the range, or pick another product, owner or environment."
      />
    );
  } else {
    content = (
      <>
        <Range report={report.value} />
        <div className={classes.section}>
          <DoraKeyTiles report={report.value} />
        </div>
        <DoraCharts
          report={report.value}
          selected={point}
          onSelect={selectPoint}
        />
        {point && (
          <BucketDeployments
            query={query}
            point={point}
            onClose={() => selectPoint(undefined)}
          />
        )}
      </>
    );
  }

  return (
    <>
      <ChangeSearch />
      <Typography variant="h6" component="h2" gutterBottom>
        DORA metrics
      </Typography>
      <InsightsFilters
        filter={filter}
        products={sortedUnique([...options.products, filter.product])}
        owners={sortedUnique([...options.owners, filter.owner])}
        environments={sortedUnique([
          ...options.environments,
          filter.environment,
        ])}
        onChange={setFilter}
        onClear={clearFilters}
        actions={
          <CsvDownloadButton
            label="Export CSV"
            failure="CSV export failed"
            csvUrl={() => api.getDoraCsvUrl(query)}
          />
        }
      />
      {content}
    </>
  );
}
