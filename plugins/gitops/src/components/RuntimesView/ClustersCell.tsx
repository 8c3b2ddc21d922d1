import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { RuntimeCluster } from '@slipway/plugin-gitops-common';

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
  const text = `${connected.length}/${clusters.length} connected`;
  if (others.length === 0)
    return <Typography variant="body2">{text}</Typography>;
  return (
    <Tooltip
      title={
        <>
          {others.map(c => (
            <div key={c.server}>
              {c.name} ({c.server}): {c.connectionStatus}
              {c.message ? ` — ${c.message}` : ''}
            </div>
          ))}
        </>
      }
    >
      <Typography variant="body2" color="error">
        {text}
      </Typography>
    </Tooltip>
  );
}
