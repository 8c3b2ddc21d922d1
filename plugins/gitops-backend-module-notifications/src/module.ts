import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  gitopsDeliveryServiceRef,
  gitopsReleaseEventsExtensionPoint,
} from '@slipway/plugin-gitops-node';
import { ReleaseNotifier } from './ReleaseNotifier';

/**
 * Sends Backstage notifications for Slipway releases. Needs `@backstage/plugin-notifications-backend`
 * in the same backend.
 */
export const gitopsNotificationsModule = createBackendModule({
  pluginId: 'gitops',
  moduleId: 'notifications',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        events: gitopsReleaseEventsExtensionPoint,
        notifications: notificationService,
        delivery: gitopsDeliveryServiceRef,
      },
      async init({ logger, events, notifications, delivery }) {
        events.addListener(
          new ReleaseNotifier({ notifications, delivery, logger }),
        );
      },
    });
  },
});
