import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { ProductSummary } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useDeliveryBoard } from '../../hooks/useDeliveryBoard';
import { ConfigProblemsPanel } from '../common/ConfigProblemsPanel';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { HealthChip } from '../common/HealthChip';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { VersionCell, worstHealth } from '../common/VersionCell';
import { useDeliveryTabLink } from '../common/deliveryLinks';
import { needsProductionMark } from '../common/environmentLabel';
import { withRowIds } from '../common/rowIds';

/** Every product: owner, the version in each environment, and its worst health, linked to its Delivery tab. */
export function ProductsView() {
  const deliveryLink = useDeliveryTabLink();
  const { board: data, config } = useDeliveryBoard();

  const columns = useMemo((): TableColumn<ProductSummary>[] => {
    const environments = data.value?.environments.items ?? [];
    return [
      {
        title: 'Product',
        field: 'product.title',
        render: ({ product }) => {
          const link = deliveryLink(product);
          return (
            <>
              {link ? <Link to={link}>{product.title}</Link> : product.title}
              {product.description && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {product.description}
                </Typography>
              )}
            </>
          );
        },
      },
      {
        title: 'Owner',
        field: 'product.owner',
        render: ({ product }) => (
          <EntityRefLink entityRef={product.owner} defaultKind="group" />
        ),
      },
      ...environments.map(
        (environment): TableColumn<ProductSummary> => ({
          title: needsProductionMark(environment)
            ? `${environment.title} (production)`
            : environment.title,
          sorting: false,
          render: summary => (
            <VersionCell
              state={summary.environments.find(
                e => e.environment === environment.name,
              )}
            />
          ),
        }),
      ),
      {
        title: 'Health',
        sorting: false,
        render: summary => {
          const health = worstHealth(summary.environments);
          return health ? <HealthChip status={health} /> : '—';
        },
      },
    ];
  }, [data.value, deliveryLink]);

  if (!data.value) {
    return data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  }
  const { products, environments } = data.value;
  return (
    <>
      {data.error && (
        <StaleDataNotice
          error={data.error}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      <ConfigProblemsPanel status={config.value} />
      <FailedRuntimesBanner errors={products.errors} />
      {products.items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No products yet"
          description="Add products/<name>.yaml documents (kind Product) to the delivery repository."
        />
      ) : (
        <Table<ProductSummary>
          title={`Products (${products.items.length})`}
          options={{
            paging: products.items.length > 20,
            pageSize: 20,
            search: true,
            padding: 'dense',
          }}
          columns={columns}
          data={withRowIds(products.items, p => p.product.name)}
          key={environments.items.map(e => e.name).join()}
        />
      )}
    </>
  );
}
