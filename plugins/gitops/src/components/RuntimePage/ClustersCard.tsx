import { InfoCard } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ClusterConnectionStatus,
  RuntimeCluster,
} from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { HeadedTable } from '../common/HeadedTable';
import { StatusChip } from '../common/StatusChip';

const CONNECTION_COLORS: Record<ClusterConnectionStatus, string> = {
  Successful: '#18be94',
  Failed: '#e96d76',
  Unknown: '#b0bec5',
};

/** The clusters Argo CD deploys to, with their connection state as Argo CD last saw it. */
export function ClustersCard({ clusters }: { clusters: RuntimeCluster[] }) {
  const connected = clusters.filter(c => c.connectionStatus === 'Successful');
  return (
    <InfoCard
      title="Clusters"
      subheader={`${connected.length} of ${clusters.length} connected`}
    >
      {clusters.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Argo CD reported no clusters.
        </Typography>
      ) : (
        <HeadedTable
          label="Clusters"
          columns={[
            'Cluster',
            'Connection',
            'Kubernetes',
            'Applications',
            'Cache synced',
          ]}
        >
          {clusters.map(c => (
            <TableRow key={c.server}>
              <TableCell>
                {c.name}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {c.server}
                </Typography>
              </TableCell>
              <TableCell>
                <StatusChip
                  label={c.connectionStatus}
                  color={CONNECTION_COLORS[c.connectionStatus]}
                />
                {c.message && (
                  <Typography variant="caption" color="error" display="block">
                    {c.message}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{c.serverVersion ?? '—'}</TableCell>
              <TableCell>{c.applicationsCount ?? '—'}</TableCell>
              <TableCell>
                <Age at={c.lastCacheSyncTime} />
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </InfoCard>
  );
}
