import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { gitopsApiRef } from '../../api';
import { getEntityProduct } from '../../annotations';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { ProductInfoCard } from '../common/ProductInfoCard';
import { useSlipwayRoot } from '../common/slipwayRoot';
import { HealthBreakdown } from '../common/HealthBreakdown';
import { RuntimeStatusChip } from '../common/RuntimeStatusChip';
import { productRuntimeRows } from './productRuntimes';

/** Where the entity's product runs: each runtime's state and the health of the product's apps on it. */
export function RuntimeHealthCard() {
  const { entity } = useEntity();
  const product = getEntityProduct(entity);
  const api = useApi(gitopsApiRef);
  const root = useSlipwayRoot();
  const state = useAutoRefresh(async () => {
    const [apps, runtimes] = await Promise.all([
      api.getApplications({ product }),
      api.getRuntimes(),
    ]);
    return { apps, runtimes };
  }, [api, product]);

  const rows = useMemo(
    () =>
      state.value
        ? productRuntimeRows(
            state.value.apps.items,
            state.value.apps.errors,
            state.value.runtimes.items,
          )
        : [],
    [state.value],
  );

  return (
    <ProductInfoCard
      title="Runtime health"
      product={product}
      data={state}
      deepLink={
        product && root
          ? {
              title: 'View applications',
              link: `${root()}/applications?product=${encodeURIComponent(
                product,
              )}`,
            }
          : undefined
      }
      render={() =>
        rows.length === 0 ? (
          <Typography variant="body2">
            No runtime runs applications of product <strong>{product}</strong>.
            Argo CD applications join it with the annotation
            slipway.dev/product: {product}.
          </Typography>
        ) : (
          <Table size="small" aria-label="Runtime health">
            <TableHead>
              <TableRow>
                <TableCell>Runtime</TableCell>
                <TableCell>State</TableCell>
                <TableCell>{product} applications</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={row.runtime}>
                  <TableCell>
                    {row.uiUrl ? (
                      <Link
                        href={row.uiUrl}
                        target="_blank"
                        rel="noopener noreferrer"
                      >
                        {row.title}
                      </Link>
                    ) : (
                      row.title
                    )}
                    {row.version && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        display="block"
                      >
                        Argo CD {row.version}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <RuntimeStatusChip reachable={row.reachable ?? false} />
                  </TableCell>
                  <TableCell>
                    {row.applications ? (
                      <>
                        <HealthBreakdown counts={row.applications.health} />
                        {row.applications.outOfSync > 0 && (
                          <Typography variant="caption" color="textSecondary">
                            {row.applications.outOfSync} out of sync
                          </Typography>
                        )}
                      </>
                    ) : (
                      <Typography variant="body2" color="error">
                        Not answering ({row.error?.kind}): {row.error?.message}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    />
  );
}
