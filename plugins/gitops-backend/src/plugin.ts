import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { gitopsPermissions } from '@slipway/plugin-gitops-common';
import {
  GitProvider,
  gitopsDeliveryServiceRef,
  gitopsGateTypesExtensionPoint,
  gitopsGitProvidersExtensionPoint,
  gitopsReleaseEventsExtensionPoint,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import { GateTypeRegistry } from './engine/GateTypeRegistry';
import { createGitopsBackend } from './GitopsBackend';
import {
  gitopsProductResourceRef,
  gitopsProductRules,
} from './service/permissions';

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
    const releaseListeners: ReleaseEventListener[] = [];
    env.registerExtensionPoint(gitopsReleaseEventsExtensionPoint, {
      addListener(...listeners) {
        releaseListeners.push(...listeners);
      },
    });
    const gateTypes = new GateTypeRegistry();
    env.registerExtensionPoint(gitopsGateTypesExtensionPoint, {
      addGateType(...types) {
        gateTypes.add(...types);
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
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        userInfo: coreServices.userInfo,
        signals: signalsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        sharedDelivery: gitopsDeliveryServiceRef,
      },
      async init({
        permissionsRegistry,
        scheduler,
        lifecycle,
        httpRouter,
        sharedDelivery,
        ...deps
      }) {
        permissionsRegistry.addPermissions(gitopsPermissions);
        const backend = await createGitopsBackend({
          ...deps,
          extraProviders,
          releaseListeners,
          gateTypes: gateTypes.list(),
        });
        permissionsRegistry.addResourceType({
          resourceRef: gitopsProductResourceRef,
          rules: Object.values(gitopsProductRules),
          getResources: refs => backend.productResources.getResources(refs),
        });
        sharedDelivery.provide(backend.delivery);
        for (const job of backend.jobs) {
          await job.schedule(scheduler);
        }
        lifecycle.addShutdownHook(() => backend.stop());
        httpRouter.use(backend.router);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Outside systems sign their calls with the gate's secret instead of holding a Backstage token.
        httpRouter.addAuthPolicy({
          path: '/releases/:id/gates/:gate/callback',
          allow: 'unauthenticated',
        });
        deps.logger.info(backend.summary);
      },
    });
  },
});
