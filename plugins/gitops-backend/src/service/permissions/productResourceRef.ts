import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  GITOPS_PRODUCT_RESOURCE_TYPE,
  GitopsProductResource,
} from '@slipway/plugin-gitops-common';

/**
 * A product filter that rules translate to, for listing products a user may act on: the product's
 * `owner` is one of `values`, or the target environment's `tier` is one of `values`.
 */
export interface GitopsProductFilter {
  key: 'owner' | 'tier';
  values: string[];
}

/** The `gitops-product` resource type of the gitops plugin, for rules, conditions and registration. */
export const gitopsProductResourceRef = createPermissionResourceRef<
  GitopsProductResource,
  GitopsProductFilter
>().with({
  pluginId: 'gitops',
  resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
});

/** What a product permission is decided on: the product, and the environment a change targets. */
export interface ProductTarget {
  product: string;
  environment?: string;
}

/** `product` or `product:environment`: the resource ref product permission rules are applied to. */
export function productResourceRef(target: ProductTarget): string {
  return target.environment
    ? `${target.product}:${target.environment}`
    : target.product;
}

/** Splits a resource ref made by `productResourceRef`; anything else is not a product ref. */
export function parseProductResourceRef(
  ref: string,
): ProductTarget | undefined {
  const match = /^([^:\s]+)(?::([^:\s]+))?$/.exec(ref);
  if (!match) return undefined;
  return match[2]
    ? { product: match[1], environment: match[2] }
    : { product: match[1] };
}
