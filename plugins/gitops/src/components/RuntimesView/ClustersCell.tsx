import Typography from '@material-ui/core/Typography';
import type { RuntimeCluster } from '@slipway/plugin-gitops-common';
import { CountCell } from './CountCell';

/** "1/2 connected", with the clusters that are not connected in a tooltip. */
export function ClustersCell({ clusters }: { clusters: RuntimeCluster[] }) {
  if (clusters.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  const connected = clusters.filter(c => c.connectionStatus === 'Successful');
  const others = clusters.filter(c => c.connectionStatus !== 'Successful');
  return (
    <CountCell
      text={`${connected.length}/${clusters.length} connected`}
      problems={others.map(c => ({
        key: c.server,
        line: (
          <>
            {c.name} ({c.server}): {c.connectionStatus}
            {c.message ? ` — ${c.message}` : ''}
          </>
        ),
      }))}
    />
  );
}
