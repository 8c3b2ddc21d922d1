import { InfoCard } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RuntimeComponents } from '@slipway/plugin-gitops-common';
import { HeadedTable } from '../common/HeadedTable';
import { HealthChip } from '../common/HealthChip';

/** Argo CD's workloads: readiness, replicas and container restarts, read from the Kubernetes API. */
export function ComponentsCard({
  components,
}: {
  components?: RuntimeComponents;
}) {
  let body: JSX.Element;
  if (!components) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not checked: no Kubernetes access is configured for this runtime
        (gitops.runtimes[].kubernetes).
      </Typography>
    );
  } else if (components.error) {
    body = (
      <Typography variant="body2" color="error">
        Unknown: {components.error}
      </Typography>
    );
  } else {
    body = (
      <HeadedTable
        label="Components"
        columns={['Component', 'Workload', 'Status', 'Ready', 'Restarts']}
      >
        {components.items.map(c => (
          <TableRow key={`${c.kind}/${c.name}`}>
            <TableCell>{c.component}</TableCell>
            <TableCell>
              {c.name}
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {c.kind}
              </Typography>
            </TableCell>
            <TableCell>
              <HealthChip status={c.status} message={c.message} />
            </TableCell>
            <TableCell>
              {c.readyReplicas}/{c.desiredReplicas}
            </TableCell>
            <TableCell>
              {c.restarts === undefined ? (
                '—'
              ) : (
                <Typography
                  variant="body2"
                  color={c.restarts > 0 ? 'error' : 'textPrimary'}
                >
                  {c.restarts}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    );
  }
  return (
    <InfoCard
      title="Components"
      subheader={
        components && !components.error
          ? `${components.ready} of ${components.total} ready`
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
