/**
 * Slipway for Backstage: runtimes, applications and (later) products, environments and releases.
 *
 * The default export is the plugin for the new frontend system; older apps import
 * `@slipway/plugin-gitops/legacy`.
 *
 * @packageDocumentation
 */
import { gitopsPlugin } from './plugin';

export default gitopsPlugin;
export { gitopsApiRef } from './api';
export { rootRouteRef, releaseRouteRef, runtimeRouteRef } from './routes';
export { PRODUCT_ANNOTATION, isGitopsProductAvailable } from './annotations';
export { gitopsTabs } from './tabs';
export type { GitopsTab } from './tabs';
