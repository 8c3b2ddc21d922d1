export {
  gitopsProductResourceRef,
  parseProductResourceRef,
} from './productResourceRef';
export type { GitopsProductFilter } from './productResourceRef';
export {
  gitopsProductRules,
  hasEnvironmentTier,
  isProductOwner,
} from './productRules';
export {
  createGitopsProductConditionalDecision,
  gitopsProductConditions,
} from './productConditions';
export { ProductResources } from './ProductResources';
export type { DeliveryConfigReader } from './ProductResources';
