import { Router } from 'express';
import { applicationFilter, queryString } from './appQuery';
import { requireUser } from './auth';
import { ArgoContext, handle } from './context';

const keepAliveMs = 15_000;

/**
 * GET /api/v1/stream/applications: newline-delimited `{"result":{"type","application"}}` objects, or SSE
 * `data:` frames when the client accepts text/event-stream. Without `resourceVersion` every matching app
 * is first sent as ADDED, as argocd-server does.
 */
export function streamRoutes(ctx: ArgoContext): Router {
  const router = Router();
  router.get(
    '/api/v1/stream/applications',
    handle((req, res) => {
      requireUser(ctx, req);
      const filter = applicationFilter(req.query);
      const sse = (req.headers.accept ?? '').includes('text/event-stream');
      res.status(200);
      res.setHeader(
        'Content-Type',
        sse ? 'text/event-stream' : 'application/json',
      );
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.flushHeaders();

      const send = (type: string, applicationJson: string) => {
        const frame = `{"result":{"type":"${type}","application":${applicationJson}}}`;
        res.write(sse ? `data: ${frame}\n\n` : `${frame}\n`);
      };
      if (!queryString(req.query.resourceVersion)) {
        for (const record of ctx.store.all().filter(filter))
          send('ADDED', ctx.store.listJson(record));
      }
      const unsubscribe = ctx.store.subscribe((type, record) => {
        if (filter(record)) send(type, ctx.store.listJson(record));
      });
      const keepAlive = sse
        ? setInterval(() => res.write(':\n\n'), keepAliveMs)
        : undefined;
      ctx.streams.add(res);
      res.on('close', () => {
        unsubscribe();
        if (keepAlive) clearInterval(keepAlive);
        ctx.streams.delete(res);
      });
    }),
  );
  return router;
}
