import {
  AuditorService,
  AuthService,
  CacheService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { NotFoundError } from '@backstage/errors';
import type {
  GitopsDeliveryService,
  GitProvider,
  ReleaseEventListener,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';
import express from 'express';
import { AuditLog } from './audit/AuditLog';
import { LiveUpdates } from './live/LiveUpdates';
import { createAuditHistory } from './audit/auditHistory';
import {
  AuditReconcileJob,
  AuditRetentionJob,
  GitHistoryImportJob,
  readAuditSettings,
} from './audit/auditTasks';
import { readDeliveryRepoConfig } from './config/deliveryRepoConfig';
import { AuditStore } from './database/audit/AuditStore';
import { KnexDeploymentStore } from './database/deployments/DeploymentStore';
import { ArgoHistoryBackfill } from './insights/ArgoHistoryBackfill';
import { ReleaseNotesSearch } from './database/deployments/ReleaseNotesSearch';
import { applyMigrations } from './database/migrate';
import { DeliveryConfigSource } from './delivery/DeliveryConfigSource';
import { fleetRuntimes } from './delivery/DeliveryRuntimes';
import { DeliveryService } from './delivery/DeliveryService';
import { ChangeSearchService } from './insights/ChangeSearchService';
import { DoraService } from './insights/DoraService';
import { readInsightsConfig } from './insights/insightsConfig';
import { GitReads } from './delivery/GitReads';
import { createPromotionEngine } from './engine/createPromotionEngine';
import { CommitStatusListener } from './engine/events/CommitStatusListener';
import { DeploymentHistoryListener } from './engine/events/DeploymentHistoryListener';
import { builtInGateTypes } from './engine/gates/builtInGateTypes';
import { readGateSecrets } from './engine/gates/gateSecrets';
import { DefaultReleaseService } from './engine/ReleaseService';
import { GitProviders } from './git/GitProviders';
import { RepoWriteGuard } from './git/permissions';
import { readRuntimeConfigs } from './runtimes/config';
import { RuntimeFleet } from './runtimes/RuntimeFleet';
import { ScheduledJob } from './scheduledJob';
import { ProductResources } from './service/permissions';
import { CatalogMembership } from './service/releases/CatalogMembership';
import { createRouter } from './service/router';

export interface GitopsBackendDeps {
  logger: LoggerService;
  config: RootConfigService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  cache: CacheService;
  auditor: AuditorService;
  database: DatabaseService;
  userInfo: UserInfoService;
  signals: SignalsService;
  catalog: CatalogService;
  auth: AuthService;
  /** Providers added through `gitopsGitProvidersExtensionPoint`; asked before the built-in ones. */
  extraProviders: GitProvider[];
  /** Listeners added through `gitopsReleaseEventsExtensionPoint`. */
  releaseListeners?: readonly ReleaseEventListener[];
  /** Gate types added through `gitopsGateTypesExtensionPoint`. */
  gateTypes?: readonly ReleaseGateType[];
}

/** What the plugin registers: the routes, the product resources for permission policies, the jobs. */
export interface GitopsBackend {
  router: express.Handler;
  productResources: ProductResources;
  /** The delivery repository as other plugins' modules read it (`gitopsDeliveryServiceRef`). */
  delivery: GitopsDeliveryService;
  /** Long-lived parts, each scheduling its own work. */
  jobs: ScheduledJob[];
  /** Stops timers and watches; work in progress finishes. */
  stop(): Promise<void>;
  /** One line for the startup log. */
  summary: string;
}

/**
 * Builds the GitOps backend from Backstage's services: runtimes, the delivery board, promotions and
 * the audit log. Without `gitops.deliveryRepo` there is no board and no engine; runtimes still serve.
 */
export async function createGitopsBackend(
  deps: GitopsBackendDeps,
): Promise<GitopsBackend> {
  const { logger, config } = deps;
  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    await applyMigrations(knex);
  }
  // Open pages reload when what they show changes; polling stays their fallback.
  const live = new LiveUpdates(deps.signals, {
    onError: error => logger.warn(`Live update not sent: ${error}`),
  });
  const auditStore = new AuditStore(knex);
  const audit = new AuditLog(auditStore, deps.auditor, () =>
    live.changed('gitops:audit'),
  );

  const runtimes = readRuntimeConfigs(config);
  const fleet = new RuntimeFleet(runtimes, deps.cache, logger);
  for (const runtime of fleet.all()) {
    runtime.applications.onSnapshot(() =>
      live.changed('gitops:applications', { runtime: runtime.name }),
    );
  }

  const providers = GitProviders.fromConfig(config, {
    extraProviders: deps.extraProviders,
  });
  const deliveryRepo = readDeliveryRepoConfig(config);
  const gateSecrets = readGateSecrets(config);
  const builtInGates = builtInGateTypes(gateSecrets);
  const gateTypes = [...builtInGates.evaluated, ...(deps.gateTypes ?? [])];
  const deliveryConfig =
    deliveryRepo &&
    new DeliveryConfigSource({
      repo: deliveryRepo,
      providers,
      runtimeNames: runtimes.map(r => r.name),
      gateTypes: [...builtInGates.checks, ...(deps.gateTypes ?? [])],
      logger: logger.child({ component: 'delivery-config' }),
    });
  const delivery =
    deliveryConfig &&
    new DeliveryService({
      config: deliveryConfig,
      runtimes: fleetRuntimes(fleet),
      git: new GitReads({ providers }),
    });

  // Commits made outside the portal join the audit log; Slipway's own are reconciled with it.
  const auditLogger = logger.child({ component: 'audit' });
  const auditHistory = createAuditHistory({
    knex,
    providers,
    deliveryRepo,
    delivery,
    logger: auditLogger,
  });
  const auditSettings = readAuditSettings(config);
  const deployments = new KnexDeploymentStore(knex);

  // A user who cannot write to a repository cannot make Slipway write to it for them.
  const writeGuard = RepoWriteGuard.fromConfig(config, {
    catalog: deps.catalog,
    auth: deps.auth,
    providers,
  });
  const engine =
    delivery &&
    createPromotionEngine({
      knex,
      config,
      delivery,
      fleet,
      git: providers,
      audit,
      logger: logger.child({ component: 'promotion-engine' }),
      signals: deps.signals,
      guard: writeGuard,
      listeners: [
        new CommitStatusListener({
          git: providers,
          logger: logger.child({ component: 'commit-status' }),
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        }),
        new DeploymentHistoryListener({
          store: deployments,
          logger: logger.child({ component: 'deployment-history' }),
        }),
        ...(deps.releaseListeners ?? []),
      ],
      gateTypes,
    });

  const router = await createRouter({
    fleet,
    delivery,
    httpAuth: deps.httpAuth,
    permissions: deps.permissions,
    audit,
    auditStore,
    auditReconciler: auditHistory.reconciler,
    releases:
      engine &&
      delivery &&
      new DefaultReleaseService({
        engine,
        delivery,
        git: providers,
        audit,
        secrets: gateSecrets,
      }),
    userInfo: deps.userInfo,
    membership: new CatalogMembership({
      catalog: deps.catalog,
      auth: deps.auth,
      logger,
    }),
    writeGuard,
    dora:
      deliveryConfig &&
      new DoraService({
        store: deployments,
        config: () => deliveryConfig.load(),
        ...readInsightsConfig(config),
      }),
    changes: new ChangeSearchService({
      deployments,
      releaseNotes: new ReleaseNotesSearch(knex),
      config: deliveryConfig ? () => deliveryConfig.load() : undefined,
    }),
  });

  return {
    router,
    // Lets policies decide on a product's owner and target tier (conditional decisions).
    productResources: new ProductResources(deliveryConfig),
    delivery: {
      repository: async () =>
        deliveryRepo && { url: deliveryRepo.url, branch: deliveryRepo.branch },
      config: async () => {
        if (!deliveryConfig) {
          throw new NotFoundError(
            'No delivery repository is configured (gitops.deliveryRepo)',
          );
        }
        return deliveryConfig.load();
      },
    },
    jobs: [
      fleet,
      new GitHistoryImportJob({
        settings: auditSettings,
        logger: auditLogger,
        gitImport: auditHistory.gitImport,
        onImported: () => live.changed('gitops:audit'),
      }),
      new AuditReconcileJob({
        settings: auditSettings,
        logger: auditLogger,
        reconciler: auditHistory.reconciler,
      }),
      new AuditRetentionJob({
        settings: auditSettings,
        logger: auditLogger,
        knex,
      }),
      ...(engine ? [engine] : []),
      ...(delivery
        ? [
            new ArgoHistoryBackfill({
              board: () => delivery.board(),
              fleet,
              git: providers,
              store: deployments,
              logger: logger.child({ component: 'deployment-history' }),
            }),
          ]
        : []),
    ],
    async stop() {
      live.stop();
      fleet.stop();
      await engine?.stop();
    },
    summary: `Slipway GitOps: ${runtimes.length} runtime(s): ${runtimes
      .map(r => r.name)
      .join(', ')}; delivery repository: ${
      deliveryRepo
        ? `${deliveryRepo.url} (${deliveryRepo.branch})`
        : 'none (gitops.deliveryRepo)'
    }`,
  };
}
