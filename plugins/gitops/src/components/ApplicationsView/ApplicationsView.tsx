import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { ApplicationDrawer } from '../ApplicationDrawer';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { ApplicationsFilters } from './ApplicationsFilters';
import { ApplicationsTable } from './ApplicationsTable';
import { useApplicationsQuery } from './useApplicationsQuery';

const sortedUnique = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

function useSeenValues(
  items: ApplicationSummary[] | undefined,
  pick: (app: ApplicationSummary) => string | undefined,
): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  useEffect(() => {
    const values = items?.map(pickRef.current) ?? [];
    setSeen(current => {
      const next = sortedUnique([...current, ...values]);
      return next.length === current.length ? current : next;
    });
  }, [items]);
  return seen;
}

/** Applications across runtimes: filters in the URL, a table, and a drawer for the selected one. */
export function ApplicationsView() {
  const api = useApi(gitopsApiRef);
  const { filter, selected, setFilter, clearFilters, select } =
    useApplicationsQuery();
  const filterKey = JSON.stringify(filter);
  const apps = useAutoRefresh(
    () => api.getApplications(filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey],
  );
  // Health, sync and versions change with every runtime's watch stream; polling is the fallback.
  useReloadOnSignal('gitops:applications', apps.retry);
  // Runtime names and UI URLs for the runtime filter and the Argo CD links; health comes from the list.
  const runtimes = useAsync(() => api.getRuntimes(), [api]);

  // Products and environments seen so far, so their filters still offer the others once one is picked.
  const products = useSeenValues(apps.value?.items, a => a.product);
  const environments = useSeenValues(apps.value?.items, a => a.environment);

  const runtimeNames = useMemo(
    () =>
      sortedUnique([
        ...(runtimes.value?.items.map(r => r.name) ?? []),
        ...(runtimes.value?.errors.map(e => e.runtime) ?? []),
        filter.runtime,
      ]),
    [runtimes.value, filter.runtime],
  );
  const selectedRuntime = runtimes.value?.items.find(
    r => r.name === selected?.runtime,
  );

  let content: JSX.Element;
  if (!apps.value) {
    content = apps.error ? (
      <ResponseErrorPanel error={apps.error} />
    ) : (
      <Progress />
    );
  } else if (
    apps.value.items.length === 0 &&
    apps.value.errors.length === 0 &&
    filterKey === '{}'
  ) {
    content = (
      <EmptyState
        missing="data"
        title="No applications yet"
        description="None of the configured Argo CD runtimes manages an application."
      />
    );
  } else {
    content = (
      <>
        {apps.error && (
          <StaleDataNotice
            error={apps.error}
            loadedAt={apps.loadedAt}
            onRetry={apps.retry}
          />
        )}
        <FailedRuntimesBanner errors={apps.value.errors} />
        <ApplicationsTable
          applications={apps.value.items}
          loading={apps.loading}
          onSelect={select}
        />
      </>
    );
  }

  return (
    <>
      <ApplicationsFilters
        filter={filter}
        runtimes={runtimeNames}
        products={sortedUnique([...products, filter.product])}
        environments={sortedUnique([...environments, filter.environment])}
        onChange={setFilter}
        onClear={clearFilters}
      />
      {content}
      <ApplicationDrawer
        appRef={selected}
        uiUrl={selectedRuntime?.uiUrl}
        onClose={() => select(undefined)}
      />
    </>
  );
}
