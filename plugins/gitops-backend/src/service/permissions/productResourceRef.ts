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

/** Splits a resource ref `product` or `product:environment`; anything else is not a product ref. */
export function parseProductResourceRef(
  ref: string,
): { product: string; environment?: string } | undefined {
  const match = /^([^:\s]+)(?::([^:\s]+))?$/.exec(ref);
  if (!match) return undefined;
  return match[2]
    ? { product: match[1], environment: match[2] }
    : { product: match[1] };
}
