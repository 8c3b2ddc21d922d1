import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { RuntimeComponents } from '@slipway/plugin-gitops-common';

/** "4/5 ready", with the components that are not ready in a tooltip. */
export function ComponentsCell({
  components,
}: {
  components?: RuntimeComponents;
}) {
  if (!components) {
    return (
      <Tooltip title="No Kubernetes access is configured for this runtime, so its components cannot be checked">
        <Typography variant="body2" color="textSecondary">
          Not checked
        </Typography>
      </Tooltip>
    );
  }
  if (components.error) {
    return (
      <Tooltip title={components.error}>
        <Typography variant="body2" color="error">
          Unknown (Kubernetes API failed)
        </Typography>
      </Tooltip>
    );
  }
  const notReady = components.items.filter(c => !c.ready);
  const text = `${components.ready}/${components.total} ready`;
  if (notReady.length === 0)
    return <Typography variant="body2">{text}</Typography>;
  return (
    <Tooltip
      title={
        <>
          {notReady.map(c => (
            <div key={c.name}>
              {c.name}: {c.status} ({c.readyReplicas}/{c.desiredReplicas})
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
