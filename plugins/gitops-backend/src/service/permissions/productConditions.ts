import { createConditionExports } from '@backstage/plugin-permission-node';
import { gitopsProductResourceRef } from './productResourceRef';
import { gitopsProductRules } from './productRules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: gitopsProductResourceRef,
  rules: gitopsProductRules,
});

/**
 * Conditions on products for permission policies, e.g.
 * `gitopsProductConditions.isProductOwner({ claims: user.info.ownershipEntityRefs })` or
 * `gitopsProductConditions.hasEnvironmentTier({ tier: 'production' })`.
 */
export const gitopsProductConditions = conditions;

/** Wraps product conditions into a CONDITIONAL decision for `gitops.promotion.create` or `gitops.release.manage`. */
export const createGitopsProductConditionalDecision = createConditionalDecision;
