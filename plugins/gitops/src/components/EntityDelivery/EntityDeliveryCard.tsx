import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ProductEnvironmentState } from '@slipway/plugin-gitops-common';
import { getEntityProduct } from '../../annotations';
import { HealthDot } from '../common/VersionCell';
import { useEntityDeliveryLink } from '../common/deliveryLinks';
import { needsProductionMark } from '../common/environmentLabel';
import { useProductDelivery } from './useProductDelivery';

function versionText(state: ProductEnvironmentState): string {
  if (state.applications.length === 0) return 'not deployed';
  if (state.version) return state.version;
  return state.versions.length > 1
    ? `mixed: ${state.versions.join(', ')}`
    : state.versions[0] ?? 'unknown';
}

/** Overview card: the product's version in each environment at a glance. */
export function EntityDeliveryCard() {
  const { entity } = useEntity();
  const name = getEntityProduct(entity);
  const data = useProductDelivery(name);
  const deliveryLink = useEntityDeliveryLink()(getCompoundEntityRef(entity));

  let body: JSX.Element;
  if (!name) {
    body = <Typography>No slipway.dev/product annotation.</Typography>;
  } else if (!data.value) {
    body = data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  } else if (!data.value.product) {
    body = (
      <Typography variant="body2">
        Product <strong>{name}</strong> is not defined in the delivery
        repository.
      </Typography>
    );
  } else {
    const titles = new Map(data.value.environments.map(e => [e.name, e]));
    body = (
      <Table size="small" aria-label="Versions per environment">
        <TableBody>
          {data.value.product.environments.map(state => {
            const environment = titles.get(state.environment);
            return (
              <TableRow key={state.environment}>
                <TableCell component="th" scope="row">
                  {environment?.title ?? state.environment}
                  {needsProductionMark(environment) && (
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      (production)
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <span
                    style={{
                      display: 'inline-flex',
                      gap: 6,
                      alignItems: 'center',
                    }}
                  >
                    {state.applications.length > 0 && (
                      <HealthDot status={state.health} />
                    )}
                    <span style={{ fontFamily: 'monospace' }}>
                      {versionText(state)}
                    </span>
                    {state.drift && (
                      <Typography variant="caption" color="textSecondary">
                        drift
                      </Typography>
                    )}
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="Delivery"
      subheader={name ? `Product ${name}` : undefined}
      deepLink={
        deliveryLink
          ? { title: 'View delivery', link: deliveryLink }
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
