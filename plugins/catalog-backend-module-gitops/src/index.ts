/**
 * Catalog module publishing the Slipway delivery repository's environments as `Resource` entities.
 *
 * @packageDocumentation
 */
export { catalogModuleGitopsDelivery as default } from './module';
export { catalogModuleGitopsDelivery } from './module';
