/**
 * Slipway GitOps backend plugin: Argo CD runtimes and applications.
 *
 * @packageDocumentation
 */
export { gitopsPlugin as default } from './plugin';
export {
  createGitopsProductConditionalDecision,
  gitopsProductConditions,
  gitopsProductResourceRef,
  gitopsProductRules,
} from './service/permissions';
export type { GitopsProductFilter } from './service/permissions';
