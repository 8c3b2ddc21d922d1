import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ApplicationSummary,
  EnvironmentListResponse,
  Product,
  ProductListResponse,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../api';
import { useAutoRefresh } from './useAutoRefresh';
import { useReloadOnSignal } from './useReloadOnSignal';

/** How many recent releases the board reads to show what is moving and how far environments drift. */
export const BOARD_RELEASES_LIMIT = 100;

export interface DeliveryBoardData {
  environments: EnvironmentListResponse;
  products: ProductListResponse;
  /** Recent releases, newest first; only when asked for. */
  releases?: ReleaseSummary[];
  /** Every application (for deploy times and revisions); only when asked for. */
  applications?: ApplicationSummary[];
}

/** Display titles of products and environments, falling back to their names. */
export interface DeliveryTitles {
  product(name: string): string;
  environment(name: string): string;
  /** The product's definition, when loaded (for links to its catalog entities). */
  productOf(name: string): Product | undefined;
}

export function deliveryTitles(data?: {
  environments: { items: Array<{ name: string; title: string }> };
  products: { items: Array<{ product: Product }> };
}): DeliveryTitles {
  const environments = new Map(
    data?.environments.items.map(e => [e.name, e.title]),
  );
  const products = new Map(
    data?.products.items.map(p => [p.product.name, p.product]),
  );
  return {
    product: name => products.get(name)?.title ?? name,
    environment: name => environments.get(name) ?? name,
    productOf: name => products.get(name),
  };
}

/**
 * The delivery board as the board and products views read it: environments in order, every product's
 * state in each, and (when asked) recent releases and the applications; polled, and reloaded when a
 * release changes. The delivery config's status loads separately so a broken config never hides it.
 */
export function useDeliveryBoard(
  options: { releases?: boolean; applications?: boolean } = {},
) {
  const api = useApi(gitopsApiRef);
  const { releases, applications } = options;
  const board = useAutoRefresh(async (): Promise<DeliveryBoardData> => {
    const [environments, products, releaseList, applicationList] =
      await Promise.all([
        api.getEnvironments(),
        api.getProducts(),
        // Releases and applications enrich the cards; the board stands without them.
        releases
          ? api
              .getReleases({ limit: BOARD_RELEASES_LIMIT })
              .then(r => r.items)
              .catch(() => undefined)
          : undefined,
        applications
          ? api
              .getApplications()
              .then(r => r.items)
              .catch(() => undefined)
          : undefined,
      ]);
    return {
      environments,
      products,
      releases: releaseList,
      applications: applicationList,
    };
  }, [api, releases, applications]);
  useReloadOnSignal('gitops:releases', board.retry);
  useReloadOnSignal('gitops:applications', board.retry);
  const config = useAutoRefresh(() => api.getConfigStatus(), [api]);
  const titles = useMemo(() => deliveryTitles(board.value), [board.value]);
  return { board, config, titles };
}

/**
 * Product and environment titles for naming releases and audit rows; read once per view, and names
 * are shown until they arrive.
 */
export function useDeliveryTitles(): DeliveryTitles {
  const api = useApi(gitopsApiRef);
  const loaded = useAsync(async () => {
    const [environments, products] = await Promise.all([
      api.getEnvironments(),
      api.getProducts(),
    ]);
    return { environments, products };
  }, [api]);
  return useMemo(() => deliveryTitles(loaded.value), [loaded.value]);
}
