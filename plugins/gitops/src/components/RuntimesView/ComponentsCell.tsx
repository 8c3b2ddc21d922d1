import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { RuntimeComponents } from '@slipway/plugin-gitops-common';
import { CountCell } from './CountCell';

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
  return (
    <CountCell
      text={`${components.ready}/${components.total} ready`}
      problems={notReady.map(c => ({
        key: c.name,
        line: (
          <>
            {c.name}: {c.status} ({c.readyReplicas}/{c.desiredReplicas})
            {c.message ? ` — ${c.message}` : ''}
          </>
        ),
      }))}
    />
  );
}
