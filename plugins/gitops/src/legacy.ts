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
  GitopsRuntimesContent,
  EntityReleasesCard,
} from './legacyPlugin';
export { rootRouteRef, releaseRouteRef, runtimeRouteRef } from './routes';
export { gitopsApiRef } from './api';
export { PRODUCT_ANNOTATION, isGitopsProductAvailable } from './annotations';
