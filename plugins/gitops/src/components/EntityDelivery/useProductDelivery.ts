import { useApi } from '@backstage/frontend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ApplicationSummary,
  Environment,
} from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';

const isNotFound = (e: unknown) =>
  e instanceof NotFoundError ||
  (e as { response?: { status?: number } })?.response?.status === 404 ||
  (e as { name?: string })?.name === 'NotFoundError';

/**
 * One product's state in every environment, with the environment definitions (titles, tiers) and its
 * Argo CD applications (for repository links). `product` is undefined when the delivery repository
 * does not define it.
 */
export function useProductDelivery(name: string | undefined) {
  const api = useApi(gitopsApiRef);
  const delivery = useAutoRefresh(async () => {
    if (!name) return undefined;
    const [product, environments, applications] = await Promise.all([
      api.getProduct(name).catch(e => {
        if (isNotFound(e)) return undefined;
        throw e;
      }),
      api.getEnvironments(),
      // Only for links and health messages: the matrix stands without them.
      api
        .getApplications({ product: name })
        .then(r => r.items)
        .catch((): ApplicationSummary[] => []),
    ]);
    const defined = new Map(environments.items.map(e => [e.name, e]));
    // The product's environments in its own (board) order, titled by their definitions.
    const productEnvironments: Environment[] = (
      product?.environments ?? []
    ).map(
      e =>
        defined.get(e.environment) ?? {
          name: e.environment,
          title: e.environment,
          tier: 'non-production',
          order: 0,
          targets: [],
          freezeWindows: [],
        },
    );
    return { product, environments: productEnvironments, applications };
  }, [api, name]);
  // Releases move versions; runtimes change health and sync: either reloads the tab at once.
  useReloadOnSignal('gitops:releases', delivery.retry);
  useReloadOnSignal('gitops:applications', delivery.retry);
  return delivery;
}

/** Problems in the files that shape this product: its own, and every environment and flow. */
export const productFiles = (name: string) => (file: string) =>
  file === `products/${name}.yaml` ||
  file === `products/${name}.yml` ||
  file.startsWith('environments/') ||
  file.startsWith('flows/');
