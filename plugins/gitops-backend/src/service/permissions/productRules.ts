import { createPermissionRule } from '@backstage/plugin-permission-node';
import { GITOPS_PRODUCT_RULES } from '@slipway/plugin-gitops-common';
import { normalizeOwnerRef } from './entityRefs';
import { gitopsProductResourceRef } from './productResourceRef';
import {
  ClaimsParams,
  claimsParams,
  TierParams,
  tierParams,
} from './ruleParams';

/** True when the product's owner is one of `claims`, typically the user's `ownershipEntityRefs`. */
export const isProductOwner = createPermissionRule<
  typeof gitopsProductResourceRef,
  ClaimsParams
>({
  name: GITOPS_PRODUCT_RULES.isProductOwner,
  description:
    "Allow when the product's owner (products/<name>.yaml `owner`) is one of the claims, e.g. the user's ownership entity refs",
  resourceRef: gitopsProductResourceRef,
  paramsSchema: claimsParams,
  apply(resource, { claims }) {
    const owner = normalizeOwnerRef(resource.owner);
    return claims.some(claim => normalizeOwnerRef(claim) === owner);
  },
  toQuery({ claims }) {
    return { key: 'owner', values: claims.map(normalizeOwnerRef) };
  },
});

/**
 * True when the environment a change targets has the given tier. A resource ref without an
 * environment has no tier and matches neither tier.
 */
export const hasEnvironmentTier = createPermissionRule<
  typeof gitopsProductResourceRef,
  TierParams
>({
  name: GITOPS_PRODUCT_RULES.hasEnvironmentTier,
  description:
    'Allow when the target environment (environments/<name>.yaml) has the given tier',
  resourceRef: gitopsProductResourceRef,
  paramsSchema: tierParams,
  apply(resource, { tier }) {
    return resource.tier === tier;
  },
  toQuery({ tier }) {
    return { key: 'tier', values: [tier] };
  },
});

export const gitopsProductRules = { isProductOwner, hasEnvironmentTier };
