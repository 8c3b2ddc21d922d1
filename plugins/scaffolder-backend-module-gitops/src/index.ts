/**
 * Scaffolder actions for Slipway: write delivery configuration (products,
 * environments) that a template then publishes to the delivery repository.
 *
 * @packageDocumentation
 */
export { scaffolderModuleGitops as default } from './module';
export { createDefineProductAction } from './actions/defineProduct';
