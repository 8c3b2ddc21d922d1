import {
  HEALTH_STATUSES,
  HealthStatus,
  ProductSummary,
} from '@slipway/plugin-gitops-common';

export type BoardView = 'compact' | 'detailed';

/** The board's state in the URL query (`?q=&owner=&health=&view=`), so a filtered board is a link. */
export interface BoardQuery {
  q?: string;
  owner?: string;
  health?: HealthStatus;
  view: BoardView;
}

export function boardQueryFromParams(params: URLSearchParams): BoardQuery {
  const health = params.get('health');
  const q = params.get('q')?.trim();
  return {
    q: q || undefined,
    owner: params.get('owner') || undefined,
    health:
      health && (HEALTH_STATUSES as string[]).includes(health)
        ? (health as HealthStatus)
        : undefined,
    view: params.get('view') === 'detailed' ? 'detailed' : 'compact',
  };
}

/**
 * Products matching the text (name, title, description), the owner, and the health: a product matches a
 * health when that is its health in some environment it is deployed to.
 */
export function filterProducts(
  products: ProductSummary[],
  query: BoardQuery,
): ProductSummary[] {
  const q = query.q?.toLocaleLowerCase('en-US');
  return products.filter(({ product, environments }) => {
    if (query.owner && product.owner !== query.owner) return false;
    if (
      q &&
      ![product.name, product.title, product.description ?? ''].some(text =>
        text.toLocaleLowerCase('en-US').includes(q),
      )
    ) {
      return false;
    }
    if (
      query.health &&
      !environments.some(e => e.applications > 0 && e.health === query.health)
    ) {
      return false;
    }
    return true;
  });
}
