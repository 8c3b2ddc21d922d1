import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import { gitopsAuditReadPermission } from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { AuditEventsTable, auditViewPath } from '../AuditView';
import { useSlipwayRoot } from '../common/slipwayRoot';

const RECENT = 10;

function RecentEvents({ product }: { product: string }) {
  const api = useApi(gitopsApiRef);
  const events = useAutoRefresh(
    () => api.getAuditEvents({ product, limit: RECENT }),
    [api, product],
  );
  useReloadOnSignal('gitops:audit', events.retry);
  if (!events.value) {
    return events.error ? (
      <ResponseErrorPanel error={events.error} />
    ) : (
      <Progress />
    );
  }
  if (events.value.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No recorded activity for {product} yet.
      </Typography>
    );
  }
  return (
    <AuditEventsTable
      events={events.value.items}
      label="Recent activity"
      compact
    />
  );
}

/** The product's last audit events on its Delivery tab, with a link to the whole log filtered by it. */
export function ProductAuditSection({ product }: { product: string }) {
  const { allowed, loading } = usePermission({
    permission: gitopsAuditReadPermission,
  });
  const root = useSlipwayRoot();
  const fullLog = root ? auditViewPath(root(), { product }) : undefined;
  return (
    <InfoCard
      title="Recent activity"
      subheader={`The last ${RECENT} changes to ${product}, from the audit log`}
      deepLink={
        allowed && fullLog
          ? { title: 'Open the audit log', link: fullLog }
          : undefined
      }
    >
      {loading && <Progress />}
      {!loading && !allowed && (
        <Typography variant="body2" color="textSecondary">
          You may not read the audit log.
        </Typography>
      )}
      {allowed && <RecentEvents product={product} />}
    </InfoCard>
  );
}
