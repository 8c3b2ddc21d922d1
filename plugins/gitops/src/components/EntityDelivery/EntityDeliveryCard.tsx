import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ProductEnvironmentState } from '@slipway/plugin-gitops-common';
import { getEntityProduct } from '../../annotations';
import { ProductInfoCard } from '../common/ProductInfoCard';
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

  return (
    <ProductInfoCard
      title="Delivery"
      product={name}
      data={data}
      deepLink={
        deliveryLink
          ? { title: 'View delivery', link: deliveryLink }
          : undefined
      }
      render={value => {
        if (!value.product) {
          return (
            <Typography variant="body2">
              Product <strong>{name}</strong> is not defined in the delivery
              repository.
            </Typography>
          );
        }
        const titles = new Map(value.environments.map(e => [e.name, e]));
        return (
          <Table size="small" aria-label="Versions per environment">
            <TableBody>
              {value.product.environments.map(state => {
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
      }}
    />
  );
}
