import type { Entity } from '@backstage/catalog-model';

/** Catalog annotation naming the Slipway product an entity shows. */
export const PRODUCT_ANNOTATION = 'slipway.dev/product';

export function getEntityProduct(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[PRODUCT_ANNOTATION]?.trim();
  return value ? value : undefined;
}

/** Whether the entity is annotated with a Slipway product (for entity card filters and `EntitySwitch`). */
export function isGitopsProductAvailable(entity: Entity): boolean {
  return getEntityProduct(entity) !== undefined;
}
