import { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import { ApiRouter } from '../apiRouter';
import { rawBodyOf } from '../rawBody';
import {
  AuthorizedReleaseService,
  ReleaseCaller,
} from './AuthorizedReleaseService';

export interface ReleaseRoutesOptions {
  releases: AuthorizedReleaseService;
  httpAuth: HttpAuthService;
}

/**
 * `POST /products/{name}/promotions(/preview)`, `GET /releases(/{id})`,
 * `POST /releases/{id}/retry|terminate|approve`: each parses, asks the authorized service, answers.
 */
export function addReleaseRoutes(
  router: ApiRouter,
  { releases, httpAuth }: ReleaseRoutesOptions,
): void {
  const callerOf = async (
    request: Request<any, any, any, any>,
  ): Promise<ReleaseCaller> => ({
    credentials: await httpAuth.credentials(request),
    request,
  });

  router.post('/products/:name/promotions/preview', async (req, res) => {
    res.json(
      await releases.preview(req.params.name, req.body, await callerOf(req)),
    );
  });

  router.post('/products/:name/promotions', async (req, res) => {
    res
      .status(202)
      .json(
        await releases.promote(req.params.name, req.body, await callerOf(req)),
      );
  });

  router.get('/releases', async (req, res) => {
    res.json(await releases.list(req.query, await callerOf(req)));
  });

  router.get('/releases/:id', async (req, res) => {
    res.json(await releases.get(req.params.id, await callerOf(req)));
  });

  router.post('/releases/:id/retry', async (req, res) => {
    res.json(
      await releases.retry(req.params.id, req.body ?? {}, await callerOf(req)),
    );
  });

  router.post('/releases/:id/terminate', async (req, res) => {
    res.json(
      await releases.terminate(
        req.params.id,
        req.body ?? {},
        await callerOf(req),
      ),
    );
  });

  router.post('/releases/:id/approve', async (req, res) => {
    res.json(
      await releases.approve(
        req.params.id,
        req.body ?? {},
        await callerOf(req),
      ),
    );
  });

  router.post('/releases/:id/freeze-override', async (req, res) => {
    res.json(
      await releases.requestFreezeOverride(
        req.params.id,
        req.body ?? {},
        await callerOf(req),
      ),
    );
  });

  router.post('/releases/:id/freeze-override/approve', async (req, res) => {
    res.json(
      await releases.approveFreezeOverride(
        req.params.id,
        req.body ?? {},
        await callerOf(req),
      ),
    );
  });

  // Called by outside systems without a Backstage token (see plugin.ts); the body's signature decides.
  router.post('/releases/:id/gates/:gate/callback', async (req, res) => {
    res.json(
      await releases.receiveCallback(req.params.id, req.params.gate, {
        rawBody: rawBodyOf(req),
        body: req.body,
        signature: req.header('x-slipway-signature'),
        timestamp: req.header('x-slipway-timestamp'),
      }),
    );
  });
}
