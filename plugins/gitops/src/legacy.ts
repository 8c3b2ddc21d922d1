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
  GitopsWaitingForMyApprovalCard,
  GitopsMyProductsCard,
  GitopsRecentReleasesCard,
  GitopsFailedReleasesCard,
} from './legacyPlugin';
export { rootRouteRef, releaseRouteRef, runtimeRouteRef } from './routes';
export { gitopsApiRef } from './api';
export { PRODUCT_ANNOTATION, isGitopsProductAvailable } from './annotations';
