import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { gitopsPermissions } from '@slipway/plugin-gitops-common';
import {
  GitProvider,
  gitopsGitProvidersExtensionPoint,
} from '@slipway/plugin-gitops-node';
import { readDeliveryRepoConfig } from './config/deliveryRepoConfig';
import { GitProviders } from './git/GitProviders';
import { readRuntimeConfigs } from './runtimes/config';
import { RuntimeFleet } from './runtimes/RuntimeFleet';
import { DeliveryConfigSource } from './service/delivery/DeliveryConfigSource';
import { fleetRuntimes } from './service/delivery/DeliveryRuntimes';
import { DeliveryService } from './service/delivery/DeliveryService';
import { GitReads } from './service/delivery/GitReads';
import { createRouter } from './service/router';

/** The Slipway GitOps backend plugin (routes under `/api/gitops`). */
export const gitopsPlugin = createBackendPlugin({
  pluginId: 'gitops',
  register(env) {
    const extraProviders: GitProvider[] = [];
    env.registerExtensionPoint(gitopsGitProvidersExtensionPoint, {
      addProvider(...providers) {
        extraProviders.push(...providers);
      },
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { logger, scheduler, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(gitopsPermissions);

        const runtimes = readRuntimeConfigs(deps.config);
        const fleet = new RuntimeFleet(runtimes, deps.cache, logger);
        for (const runtime of fleet.all()) {
          const { refreshIntervalSeconds, timeoutMs } = runtime.config;
          await scheduler.scheduleTask({
            id: `gitops-runtime-refresh-${runtime.name}`,
            frequency: { seconds: refreshIntervalSeconds },
            timeout: { milliseconds: Math.max(3 * timeoutMs, 30_000) },
            scope: 'local',
            fn: () => runtime.refresh(),
          });
        }
        fleet.start();
        lifecycle.addShutdownHook(() => fleet.stop());

        const providers = GitProviders.fromConfig(deps.config, {
          extraProviders,
        });
        const deliveryRepo = readDeliveryRepoConfig(deps.config);
        const delivery =
          deliveryRepo &&
          new DeliveryService({
            config: new DeliveryConfigSource({
              repo: deliveryRepo,
              providers,
              runtimeNames: runtimes.map(r => r.name),
              logger: logger.child({ component: 'delivery-config' }),
            }),
            runtimes: fleetRuntimes(fleet),
            git: new GitReads({ providers }),
          });

        deps.httpRouter.use(
          await createRouter({
            fleet,
            delivery,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        logger.info(
          `Slipway GitOps: ${runtimes.length} runtime(s): ${runtimes
            .map(r => r.name)
            .join(', ')}; delivery repository: ${
            deliveryRepo
              ? `${deliveryRepo.url} (${deliveryRepo.branch})`
              : 'none (gitops.deliveryRepo)'
          }`,
        );
      },
    });
  },
});
