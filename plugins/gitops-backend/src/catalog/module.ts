import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readDeliveryRepoConfig } from '../config/deliveryRepoConfig';
import { GitProviders } from '../git/GitProviders';
import { DeliveryConfigSource } from '../delivery/DeliveryConfigSource';
import { DeliveryEnvironmentProvider } from './DeliveryEnvironmentProvider';

const DEFAULT_OWNER = 'group:default/platform-team';
const DEFAULT_REFRESH_SECONDS = 30;

/**
 * Catalog module publishing the delivery repository's environments as `Resource` entities of type
 * `environment` (owner `gitops.catalog.environmentOwner`), linked to their products' entities.
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
      },
      async init({ catalog, config, logger, scheduler }) {
        const repo = readDeliveryRepoConfig(config);
        if (!repo) {
          logger.info(
            'No gitops.deliveryRepo configured: no environment entities are published',
          );
          return;
        }
        const runtimeNames = (
          config.getOptionalConfigArray('gitops.runtimes') ?? []
        ).map(runtime => runtime.getString('name'));
        const provider = new DeliveryEnvironmentProvider({
          source: new DeliveryConfigSource({
            repo,
            providers: GitProviders.fromConfig(config),
            runtimeNames,
            logger,
          }),
          repository: repo,
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
