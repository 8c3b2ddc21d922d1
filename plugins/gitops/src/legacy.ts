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
  GitopsReleasesContent,
  EntityReleasesCard,
} from './legacyPlugin';
export { rootRouteRef, releaseRouteRef } from './routes';
export { gitopsApiRef } from './api';
export { PRODUCT_ANNOTATION, isGitopsProductAvailable } from './annotations';
