import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  EnvironmentSummary,
  ProductSummary,
} from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { VersionCell } from '../common/VersionCell';
import { useDeliveryTabLink } from '../common/deliveryLinks';
import { CardLink } from './CardLink';
import { CardStates } from './CardStates';
import { HOME_POLL_MS } from './useHomeReleases';

/** `payments-team` and `group:default/payments-team` are one owner. */
function normalisedRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The products the signed-in user's groups (or the user) own, with the environments in order. */
function useMyProducts() {
  const api = useApi(gitopsApiRef);
  const identityApi = useApi(identityApiRef);
  const state = useAutoRefresh(
    async () => {
      const [identity, products, environments] = await Promise.all([
        identityApi.getBackstageIdentity(),
        api.getProducts(),
        api.getEnvironments(),
      ]);
      const mine = new Set(identity.ownershipEntityRefs.map(normalisedRef));
      return {
        items: products.items.filter(p =>
          mine.has(normalisedRef(p.product.owner)),
        ),
        environments: environments.items,
        errors: products.errors,
      };
    },
    [api, identityApi],
    HOME_POLL_MS,
  );
  useReloadOnSignal('gitops:releases', state.retry);
  return state;
}

function ProductRow(props: {
  summary: ProductSummary;
  environments: EnvironmentSummary[];
}) {
  const { summary, environments } = props;
  const link = useDeliveryTabLink()(summary.product);
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        {link ? (
          <Link to={link}>{summary.product.title}</Link>
        ) : (
          summary.product.title
        )}
      </TableCell>
      {environments.map(environment => (
        <TableCell key={environment.name}>
          <VersionCell
            state={summary.environments.find(
              e => e.environment === environment.name,
            )}
          />
        </TableCell>
      ))}
    </TableRow>
  );
}

/** Products owned by the user's groups: the version and health in every environment, in order. */
export function MyProductsContent() {
  const state = useMyProducts();
  const loaded = state.value;
  return (
    <CardStates
      state={{ ...state, value: loaded?.items }}
      what="your products"
      empty="None of your groups owns a product. A product's owner is spec.owner in products/<name>.yaml of the delivery repository."
    >
      {items => (
        <>
          <FailedRuntimesBanner errors={loaded?.errors ?? []} />
          <Table size="small" aria-label="My products across environments">
            <TableHead>
              <TableRow>
                <TableCell>Product</TableCell>
                {loaded?.environments.map(e => (
                  <TableCell key={e.name}>{e.title}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(summary => (
                <ProductRow
                  key={summary.product.name}
                  summary={summary}
                  environments={loaded?.environments ?? []}
                />
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </CardStates>
  );
}

export function MyProductsActions() {
  return <CardLink to="products">All products</CardLink>;
}
