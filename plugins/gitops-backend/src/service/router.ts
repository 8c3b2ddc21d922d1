import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  gitopsApplicationReadPermission,
  gitopsApplicationRefreshPermission,
  gitopsApplicationSyncPermission,
  gitopsRuntimeReadPermission,
} from '@slipway/plugin-gitops-common';
import { Request } from 'express';
import { RuntimeFleet } from '../runtimes/RuntimeFleet';
import { createOpenApiRouter } from '../schema/openapi';
import type { ReleaseService } from '../engine/ReleaseService';
import type { EngineWriteGuard } from '../engine/writeGuard';
import { AuditStore } from '../database/audit/AuditStore';
import { AuditLog } from '../audit/AuditLog';
import { AuditReconciler } from '../audit/AuditReconciler';
import { auditedAction } from './audit/auditedAction';
import { addAuditRoutes } from './audit/auditRoutes';
import { Authorizer } from './authorize';
import { DeliveryService } from '../delivery/DeliveryService';
import { AuthorizedReleaseService } from './releases/AuthorizedReleaseService';
import { addReleaseRoutes } from './releases/releaseRoutes';
import type { ChangeSearchService } from '../insights/ChangeSearchService';
import type { DoraService } from '../insights/DoraService';
import { addInsightsRoutes } from './insights/insightsRoutes';
import { pullRequestSupport } from '../delivery/pullRequestSupport';
import { jsonKeepingRawBody } from './rawBody';
import { CatalogMembership } from './releases/CatalogMembership';

export interface RouterOptions {
  fleet: RuntimeFleet;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Every write request is recorded here (see audit/auditedAction.ts). */
  audit: AuditLog;
  auditStore: AuditStore;
  /** `GET /audit/reconcile`. */
  auditReconciler: AuditReconciler;
  /** Products and environments; absent when no delivery repository is configured. */
  delivery?: DeliveryService;
  /** Promotions and releases; absent when no delivery repository is configured. */
  releases?: ReleaseService;
  /** Resolves an approver's groups. */
  userInfo: UserInfoService;
  /** An approver's groups as the catalog knows them, parents included. */
  membership?: CatalogMembership;
  /** Refuses a promotion whose initiator may not write to its target repositories. */
  writeGuard?: EngineWriteGuard;
  /** `GET /metrics/dora`; absent when no delivery repository is configured. */
  dora?: DoraService;
  /** `GET /changes`. */
  changes: ChangeSearchService;
}

export async function createRouter(options: RouterOptions) {
  const { fleet, httpAuth, permissions, audit, auditStore, delivery } = options;
  const router = await createOpenApiRouter({
    middleware: [jsonKeepingRawBody()],
  });

  const authorizer = new Authorizer(httpAuth, permissions);
  const authorize = (
    req: Request<any, any, any, any>,
    permission: BasicPermission,
  ) => authorizer.basic(req, permission);

  router.get('/health', async (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/runtimes', async (req, res) => {
    await authorize(req, gitopsRuntimeReadPermission);
    res.json(await fleet.listRuntimes());
  });

  router.get('/runtimes/:runtime', async (req, res) => {
    await authorize(req, gitopsRuntimeReadPermission);
    res.json(await fleet.get(req.params.runtime).health());
  });

  router.get('/applications', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    // With a delivery config, product and environment mean what the config places, not annotations.
    const placed = await delivery?.applications(req.query);
    if (placed) {
      res.json(placed);
      return;
    }
    const listing = await fleet.listApplications(req.query);
    // Pre-encoded: the same ListResponse<ApplicationSummary>, without re-encoding 10,000s of apps.
    res.type('application/json').end(listing.encoded());
  });

  router.get('/applications/:runtime/:namespace/:name', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    const { runtime, namespace, name } = req.params;
    const detail = await fleet.get(runtime).application(namespace, name);
    // The drawer names production before a sync; a delivery config that cannot be read only loses that.
    const placed = await delivery
      ?.placement({ runtime, namespace, name })
      .catch(() => undefined);
    if (placed?.product) detail.product = placed.product;
    if (placed?.environment) detail.environment = placed.environment;
    if (placed?.tier) detail.environmentTier = placed.tier;
    res.json(detail);
  });

  router.get(
    '/applications/:runtime/:namespace/:name/managed-resources',
    async (req, res) => {
      await authorize(req, gitopsApplicationReadPermission);
      const { runtime, namespace, name } = req.params;
      res.json(await fleet.get(runtime).managedResources(namespace, name));
    },
  );

  router.get(
    '/applications/:runtime/:namespace/:name/events',
    async (req, res) => {
      await authorize(req, gitopsApplicationReadPermission);
      const { runtime, namespace, name } = req.params;
      res.json(await fleet.get(runtime).events(namespace, name, req.query));
    },
  );

  router.get(
    '/applications/:runtime/:namespace/:name/revisions/:revision/metadata',
    async (req, res) => {
      await authorize(req, gitopsApplicationReadPermission);
      const { runtime, namespace, name, revision } = req.params;
      res.json(
        await fleet
          .get(runtime)
          .revisionMetadata(namespace, name, revision, req.query.sourceIndex),
      );
    },
  );

  router.post(
    '/applications/:runtime/:namespace/:name/sync',
    async (req, res) => {
      const { runtime, namespace, name } = req.params;
      const body = req.body ?? {};
      res.json(
        await auditedAction({
          req,
          httpAuth,
          audit,
          severity: 'medium',
          event: {
            action: 'application.sync',
            target: `application:${runtime}/${namespace}/${name}`,
            runtime,
            details: {
              namespace,
              name,
              revision: body.revision,
              prune: body.prune,
              dryRun: body.dryRun,
              force: body.force,
              resources: body.resources?.map(
                r => `${r.group ? `${r.group}/` : ''}${r.kind}/${r.name}`,
              ),
            },
          },
          authorize: credentials =>
            authorizer.basicFor(credentials, gitopsApplicationSyncPermission),
          run: () => fleet.get(runtime).sync(namespace, name, body),
          describe: result => ({
            details: { phase: result.application.operation?.phase },
          }),
        }),
      );
    },
  );

  router.post(
    '/applications/:runtime/:namespace/:name/refresh',
    async (req, res) => {
      const { runtime, namespace, name } = req.params;
      const hard = req.body?.hard ?? false;
      res.json(
        await auditedAction({
          req,
          httpAuth,
          audit,
          severity: 'low',
          event: {
            action: 'application.refresh',
            target: `application:${runtime}/${namespace}/${name}`,
            runtime,
            details: { namespace, name, hard },
          },
          authorize: credentials =>
            authorizer.basicFor(
              credentials,
              gitopsApplicationRefreshPermission,
            ),
          run: () =>
            fleet.get(runtime).refreshApplication(namespace, name, hard),
        }),
      );
    },
  );

  addAuditRoutes(router, {
    store: auditStore,
    authorizer,
    reconciler: options.auditReconciler,
  });

  addInsightsRoutes(router, {
    authorizer,
    dora: options.dora,
    changes: options.changes,
  });

  if (options.releases) {
    addReleaseRoutes(router, {
      releases: new AuthorizedReleaseService({
        releases: options.releases,
        authorizer,
        audit,
        userInfo: options.userInfo,
        membership: options.membership,
        writeGuard: options.writeGuard,
      }),
      httpAuth,
    });
  }

  function deliveryService(): DeliveryService {
    if (!delivery) {
      throw new NotFoundError(
        'No delivery repository is configured; set gitops.deliveryRepo.url (and branch) in app-config',
      );
    }
    return delivery;
  }

  router.get('/environments', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    res.json(await deliveryService().environments());
  });

  router.get('/products', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    res
      .type('application/json')
      .end(await deliveryService().productsJson(req.query));
  });

  router.get('/products/:name', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    const detail = await deliveryService().product(req.params.name);
    // Whether the promote dialog may offer a pull request for this product's repositories.
    const git = options.releases?.git;
    const placed =
      git &&
      (await deliveryService().applications({ product: req.params.name }));
    res.json(
      git && placed
        ? { ...detail, pullRequests: pullRequestSupport(placed.items, git) }
        : detail,
    );
  });

  router.get('/products/:name/diff', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    const { from, to } = req.query;
    res.json(await deliveryService().diff(req.params.name, from, to));
  });

  router.get('/config/status', async (req, res) => {
    await authorize(req, gitopsApplicationReadPermission);
    res.json(await deliveryService().configStatus());
  });

  return router;
}
