import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { gitopsPermissions } from '@slipway/plugin-gitops-common';
import {
  GitProvider,
  gitopsGitProvidersExtensionPoint,
} from '@slipway/plugin-gitops-node';
import { readDeliveryRepoConfig } from './config/deliveryRepoConfig';
import { AuditStore } from './database/audit/AuditStore';
import { applyMigrations } from './database/migrate';
import { createPromotionEngine } from './engine/createPromotionEngine';
import { GitProviders } from './git/GitProviders';
import { RepoWriteGuard } from './git/permissions';
import { readRuntimeConfigs } from './runtimes/config';
import { RuntimeFleet } from './runtimes/RuntimeFleet';
import { AuditLog } from './audit/AuditLog';
import { createAuditHistory } from './audit/auditHistory';
import {
  readAuditSettings,
  scheduleAuditTasks,
} from './audit/auditTasks';
import { DeliveryConfigSource } from './delivery/DeliveryConfigSource';
import { fleetRuntimes } from './delivery/DeliveryRuntimes';
import { DeliveryService } from './delivery/DeliveryService';
import { GitReads } from './delivery/GitReads';
import {
  gitopsProductResourceRef,
  gitopsProductRules,
  ProductResources,
} from './service/permissions';
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
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        userInfo: coreServices.userInfo,
        signals: signalsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init(deps) {
        const { logger, scheduler, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(gitopsPermissions);

        const knex = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await applyMigrations(knex);
        }
        const auditStore = new AuditStore(knex);
        const audit = new AuditLog(auditStore, deps.auditor);

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
        const deliveryConfig =
          deliveryRepo &&
          new DeliveryConfigSource({
            repo: deliveryRepo,
            providers,
            runtimeNames: runtimes.map(r => r.name),
            logger: logger.child({ component: 'delivery-config' }),
          });
        const delivery =
          deliveryConfig &&
          new DeliveryService({
            config: deliveryConfig,
            runtimes: fleetRuntimes(fleet),
            git: new GitReads({ providers }),
          });
        // Lets policies decide on a product's owner and target tier (conditional decisions).
        const productResources = new ProductResources(deliveryConfig);
        deps.permissionsRegistry.addResourceType({
          resourceRef: gitopsProductResourceRef,
          rules: Object.values(gitopsProductRules),
          getResources: refs => productResources.getResources(refs),
        });

        // Commits made outside the portal join the audit log; Slipway's own are reconciled with it.
        const auditHistory = createAuditHistory({
          knex,
          providers,
          deliveryRepo,
          delivery,
          logger: logger.child({ component: 'audit' }),
        });
        await scheduleAuditTasks({
          scheduler,
          settings: readAuditSettings(deps.config),
          logger: logger.child({ component: 'audit' }),
          knex,
          ...auditHistory,
        });

        // A user who cannot write to a repository cannot make Slipway write to it for them.
        const writeGuard = RepoWriteGuard.fromConfig(deps.config, {
          catalog: deps.catalog,
          auth: deps.auth,
        });
        const engine =
          delivery &&
          createPromotionEngine({
            knex,
            config: deps.config,
            delivery,
            fleet,
            git: providers,
            audit,
            logger: logger.child({ component: 'promotion-engine' }),
            signals: deps.signals,
            guard: writeGuard,
          });
        if (engine) {
          await scheduler.scheduleTask({
            id: 'gitops-promotion-engine',
            frequency: { seconds: engine.schedulerFrequencySeconds },
            timeout: { minutes: 5 },
            // Every replica advances releases; claims in the database keep them apart.
            scope: 'local',
            fn: () => engine.tick(),
          });
          lifecycle.addShutdownHook(() => engine.stop());
          engine.wake();
        }

        deps.httpRouter.use(
          await createRouter({
            fleet,
            delivery,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            audit,
            auditStore,
            auditReconciler: auditHistory.reconciler,
            ...(engine && delivery
              ? {
                  releases: {
                    engine,
                    delivery,
                    git: providers,
                    userInfo: deps.userInfo,
                    writeGuard,
                  },
                }
              : {}),
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
