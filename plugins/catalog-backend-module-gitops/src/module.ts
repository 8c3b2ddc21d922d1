import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { gitopsDeliveryServiceRef } from '@slipway/plugin-gitops-node';
import { DeliveryEnvironmentProvider } from './DeliveryEnvironmentProvider';

const DEFAULT_OWNER = 'group:default/platform-team';
const DEFAULT_REFRESH_SECONDS = 30;

/**
 * Catalog module publishing the delivery repository's environments as `Resource` entities of type
 * `environment` (owner `gitops.catalog.environmentOwner`), linked to their products' entities. It reads
 * the delivery repository through the gitops plugin (`gitopsDeliveryServiceRef`), so that plugin must
 * run in the same backend.
 */
export const catalogModuleGitopsDelivery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gitops-delivery',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        delivery: gitopsDeliveryServiceRef,
      },
      async init({ catalog, config, logger, scheduler, delivery }) {
        if (!config.has('gitops.deliveryRepo')) {
          logger.info(
            'No gitops.deliveryRepo configured: no environment entities are published',
          );
          return;
        }
        const provider = new DeliveryEnvironmentProvider({
          delivery,
          owner:
            config.getOptionalString('gitops.catalog.environmentOwner') ??
            DEFAULT_OWNER,
          logger,
        });
        catalog.addEntityProvider(provider);
        const seconds =
          config.getOptionalNumber('gitops.catalog.refreshIntervalSeconds') ??
          DEFAULT_REFRESH_SECONDS;
        await scheduler.scheduleTask({
          id: 'gitops-delivery-environments',
          frequency: { seconds },
          timeout: { minutes: 5 },
          fn: () => provider.refresh(),
        });
      },
    });
  },
});
