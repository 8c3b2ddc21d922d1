import express, { Express, NextFunction, Request, Response } from 'express';
import { ArgoError, GrpcCode } from '../argocd/errors';
import { faultMiddleware, Faults } from '../faults';
import { adminRoutes, AdminHooks } from './adminRoutes';
import { argocdRoutes } from './argocdRoutes';
import { ArgoContext, sendArgoError } from './context';
import { sessionRoutes } from './sessionRoutes';
import { streamRoutes } from './stream';
import { uiRoutes } from './uiRoutes';

/** The Argo CD API server: admin controls first (never faulted), then the fault gate, then the API. */
export function argocdApp(
  ctx: ArgoContext,
  faults: Faults,
  admin: AdminHooks,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use('/__admin', adminRoutes(admin));
  app.use(faultMiddleware(faults, ctx.timers));

  // argocd-server rejects any non-GET request whose Content-Type is not exactly application/json.
  app.use((req, res, next) => {
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      (req.headers['content-type'] ?? '').toLowerCase() !== 'application/json'
    ) {
      res.status(415).type('text/plain').send('Invalid content type\n');
      return;
    }
    next();
  });
  app.use(express.json({ limit: '5mb' }));
  app.use(
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (error instanceof SyntaxError) {
        sendArgoError(
          res,
          new ArgoError(GrpcCode.InvalidArgument, error.message),
        );
        return;
      }
      next(error);
    },
  );

  app.use(uiRoutes(ctx));
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.use(sessionRoutes(ctx));
  app.use(argocdRoutes(ctx));
  app.use(streamRoutes(ctx));

  app.use('/api', (_req, res) => {
    sendArgoError(res, new ArgoError(GrpcCode.NotFound, 'Not Found'));
  });
  return app;
}
