import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReleaseStatus } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { ReleasesFilters } from './ReleasesFilters';
import { ReleasesTable } from './ReleasesTable';
import { useReleaseLink } from './useReleaseLink';
import { useReleases } from './useReleases';

/** One product's releases (the entity's Delivery tab), filterable by status. */
export function ProductReleases(props: {
  product: string;
  refreshKey?: unknown;
}) {
  const [status, setStatus] = useState<ReleaseStatus>();
  const releases = useReleases(
    { product: props.product, status },
    props.refreshKey,
  );
  const releaseLink = useReleaseLink();
  const filters = (
    <ReleasesFilters
      status={status}
      onChange={(_key, value) => setStatus(value as ReleaseStatus | undefined)}
    />
  );
  if (!releases.value) {
    return releases.error ? (
      <ResponseErrorPanel error={releases.error} />
    ) : (
      <Progress />
    );
  }
  if (releases.value.items.length === 0 && !status) {
    return (
      <Typography variant="body2" color="textSecondary">
        No release of {props.product} yet. Promote a version above to start one.
      </Typography>
    );
  }
  return (
    <>
      {filters}
      <ReleasesTable
        releases={releases.value.items}
        showProduct={false}
        releaseLink={releaseLink}
        emptyContent={
          <div style={{ padding: 16 }}>No release matches this status.</div>
        }
      />
    </>
  );
}
