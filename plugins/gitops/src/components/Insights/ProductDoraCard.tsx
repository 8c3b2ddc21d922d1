import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { useSlipwayRoot } from '../common/slipwayRoot';
import { DoraKeyTiles } from './DoraKeyTiles';
import { hasNoProductionDeployments } from './doraFormat';
import { browserTimeZone, insightsPath } from './insightsParams';

const DAYS = 30;
const DAY_MS = 86_400_000;

/** The four DORA keys of one product over the last 30 days, linking to the Insights page filtered on it. */
export function ProductDoraCard({ product }: { product: string }) {
  const api = useApi(gitopsApiRef);
  const root = useSlipwayRoot();
  // Fixed when the card mounts, so re-renders do not ask again.
  const [from] = useState(() => new Date(Date.now() - DAYS * DAY_MS));
  const report = useAsync(
    () =>
      api.getDoraMetrics({
        product,
        from: from.toISOString(),
        bucket: 'week',
        timeZone: browserTimeZone(),
      }),
    [api, product, from],
  );
  const link = root
    ? insightsPath(root(), {
        product,
        from: from.toISOString().slice(0, 10),
      })
    : undefined;

  let body: JSX.Element;
  if (report.loading) body = <Progress />;
  else if (report.error) body = <ResponseErrorPanel error={report.error} />;
  else if (!report.value || hasNoProductionDeployments(report.value)) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No production deployments of {product} in the last {DAYS} days, so there
        is nothing to measure yet.
      </Typography>
    );
  } else {
    body = <DoraKeyTiles report={report.value} compact />;
  }

  return (
    <InfoCard
      title="DORA metrics"
      subheader={`Production deployments of ${product}, last ${DAYS} days`}
      deepLink={link ? { title: 'Open in Insights', link } : undefined}
    >
      {body}
    </InfoCard>
  );
}
