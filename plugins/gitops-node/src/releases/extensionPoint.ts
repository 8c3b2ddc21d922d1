import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ReleaseEventListener } from './releaseEvents';

/**
 * Lets backend modules listen to releases: see `ReleaseEventListener` for what a listener gets and
 * how failures are handled.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'gitops',
 *   moduleId: 'chat-notifications',
 *   register(env) {
 *     env.registerInit({
 *       deps: { events: gitopsReleaseEventsExtensionPoint },
 *       async init({ events }) {
 *         events.addListener({
 *           name: 'chat',
 *           async onReleaseEvent(event) {
 *             if (event.type === 'release.failed') await postToChat(event.release, event.error);
 *           },
 *         });
 *       },
 *     });
 *   },
 * });
 * ```
 */
export interface GitopsReleaseEventsExtensionPoint {
  addListener(...listeners: ReleaseEventListener[]): void;
}

export const gitopsReleaseEventsExtensionPoint =
  createExtensionPoint<GitopsReleaseEventsExtensionPoint>({
    id: 'gitops.release-events',
  });
