import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
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
import { Authorizer } from './authorize';
import { DeliveryService } from './delivery/DeliveryService';

export interface RouterOptions {
  fleet: RuntimeFleet;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Products and environments; absent when no delivery repository is configured. */
  delivery?: DeliveryService;
}

export async function createRouter(options: RouterOptions) {
  const { fleet, httpAuth, permissions, auditor, delivery } = options;
  const router = await createOpenApiRouter();

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
    res.json(await fleet.get(runtime).application(namespace, name));
  });

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
      const target = fleet.get(runtime);
      const body = req.body ?? {};
      const event = await auditor.createEvent({
        eventId: 'application-sync',
        severityLevel: 'medium',
        request: req,
        meta: {
          runtime,
          namespace,
          name,
          revision: body.revision,
          dryRun: body.dryRun,
        },
      });
      try {
        await authorize(req, gitopsApplicationSyncPermission);
        const result = await target.sync(namespace, name, body);
        await event.success({
          meta: { phase: result.application.operation?.phase },
        });
        res.json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post(
    '/applications/:runtime/:namespace/:name/refresh',
    async (req, res) => {
      const { runtime, namespace, name } = req.params;
      const target = fleet.get(runtime);
      const hard = req.body?.hard ?? false;
      const event = await auditor.createEvent({
        eventId: 'application-refresh',
        severityLevel: 'low',
        request: req,
        meta: { runtime, namespace, name, hard },
      });
      try {
        await authorize(req, gitopsApplicationRefreshPermission);
        const result = await target.refreshApplication(namespace, name, hard);
        await event.success();
        res.json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

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
    res.json(await deliveryService().product(req.params.name));
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
