import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { DeliveryConfig } from '@slipway/plugin-gitops-common';
import type {
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import { deliveryFacts, notificationsFor } from './releaseNotifications';

/**
 * The release listener that sends the notifications. Titles, owners and tiers come from the delivery
 * config; while it cannot be read the notification still goes out, naming products by their names
 * (an owner it cannot find is not told).
 */
export class ReleaseNotifier implements ReleaseEventListener {
  readonly name = 'notifications';

  constructor(
    private readonly options: {
      notifications: NotificationService;
      delivery: { config(): Promise<DeliveryConfig> };
      logger: LoggerService;
    },
  ) {}

  async onReleaseEvent(event: ReleaseEvent): Promise<void> {
    const sends = notificationsFor(event, deliveryFacts(await this.config()));
    for (const send of sends) {
      await this.options.notifications.send(send);
    }
  }

  private async config(): Promise<DeliveryConfig | undefined> {
    try {
      return await this.options.delivery.config();
    } catch (error) {
      this.options.logger.warn(
        `Release notifications without the delivery config: ${error}`,
      );
      return undefined;
    }
  }
}
