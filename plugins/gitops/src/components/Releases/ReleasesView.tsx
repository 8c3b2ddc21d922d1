import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ReleaseStatus } from '@slipway/plugin-gitops-common';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { ReleasesFilters } from './ReleasesFilters';
import { ReleasesTable } from './ReleasesTable';
import { RELEASE_STATUSES } from './releaseStatus';
import { useReleaseLink } from './useReleaseLink';
import { useReleases } from './useReleases';

function useReleaseQuery() {
  const { params, update: updateParams } = useUpdateSearchParams();
  const status = params.get('status') ?? undefined;
  const query = useMemo(
    () => ({
      product: params.get('product') || undefined,
      status: RELEASE_STATUSES.includes(status as ReleaseStatus)
        ? (status as ReleaseStatus)
        : undefined,
    }),
    [params, status],
  );
  const update = useCallback(
    (key: string, value: string | undefined) => updateParams({ [key]: value }),
    [updateParams],
  );
  return { query, update };
}

/** Every release of every product (the Releases tab of the Slipway page), filterable by product and status. */
export function ReleasesView() {
  const api = useApi(gitopsApiRef);
  const { query, update } = useReleaseQuery();
  const releases = useReleases(query);
  const releaseLink = useReleaseLink();
  // Only for the product filter; the list stands without it.
  const products = useAsync(
    () =>
      api
        .getProducts()
        .then(r =>
          r.items
            .map(p => ({ name: p.product.name, title: p.product.title }))
            .sort((a, b) => a.title.localeCompare(b.title)),
        )
        .catch(() => []),
    [api],
  );

  const filters = (
    <ReleasesFilters
      product={query.product}
      status={query.status}
      products={products.value ?? []}
      onChange={update}
    />
  );
  if (!releases.value) {
    return (
      <>
        {filters}
        {releases.error ? (
          <ResponseErrorPanel error={releases.error} />
        ) : (
          <Progress />
        )}
      </>
    );
  }
  const filtered = Boolean(query.product || query.status);
  return (
    <>
      {releases.error && (
        <StaleDataNotice
          error={releases.error}
          loadedAt={releases.loadedAt}
          onRetry={releases.retry}
        />
      )}
      {filters}
      {releases.value.items.length === 0 && !filtered ? (
        <EmptyState
          missing="data"
          title="No releases yet"
          description="Promote a product from the Environments tab, or let a promotion flow start one when a new version turns healthy."
        />
      ) : (
        <ReleasesTable
          title="Releases"
          releases={releases.value.items}
          showProduct
          releaseLink={releaseLink}
          emptyContent={
            <div style={{ padding: 16 }}>No release matches these filters.</div>
          }
        />
      )}
    </>
  );
}
