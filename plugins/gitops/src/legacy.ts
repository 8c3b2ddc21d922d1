/**
 * Slipway for apps still on the legacy frontend system.
 *
 * @packageDocumentation
 */
export {
  gitopsPlugin,
  GitopsPage,
  EntityRuntimeHealthCard,
  EntityDeliveryContent,
  EntityDeliveryCard,
} from './legacyPlugin';
export { gitopsApiRef } from './api';
export { PRODUCT_ANNOTATION, isGitopsProductAvailable } from './annotations';
