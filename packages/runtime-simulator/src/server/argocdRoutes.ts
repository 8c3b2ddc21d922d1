import { Router } from 'express';
import { ArgoError, GrpcCode, invalidArgument } from '../argocd/errors';
import { parseFields } from '../fields';
import { managedResources, resourceTree } from '../model/resourceTree';
import { applicationFilter, findApplication, queryString } from './appQuery';
import { requireUser } from './auth';
import { ArgoContext, handle, sendJson } from './context';

type Body = Record<string, unknown>;

/** Request parameters may come in the query or, for POSTs, in the body (grpc-gateway merges both). */
function params(query: Body, body: Body | undefined): Body {
  return { ...query, ...(body ?? {}) };
}

function int64(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw invalidArgument(
      `invalid value for int64 field ${field}: ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return patch;
  }
  const base =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Body) }
      : {};
  for (const [key, value] of Object.entries(patch as Body)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** The Application endpoints of the Argo CD API server. */
export function argocdRoutes(ctx: ArgoContext): Router {
  const router = Router();
  const { store } = ctx;

  router.get(
    '/api/v1/applications',
    handle((req, res) => {
      requireUser(ctx, req);
      const filter = applicationFilter(req.query);
      const projection = parseFields(queryString(req.query.fields));
      const body = store.cachedList(JSON.stringify(req.query), () => {
        const matching = store.all().filter(filter);
        const metadata = JSON.stringify({
          resourceVersion: store.resourceVersion,
        });
        const items =
          matching.length === 0
            ? 'null'
            : `[${matching
                .map(r =>
                  projection
                    ? store.projectedJson(r, projection)
                    : store.listJson(r),
                )
                .join(',')}]`;
        // Go marshals the projected map with sorted keys, the plain list struct in field order.
        return projection
          ? `{"items":${items},"metadata":${metadata}}`
          : `{"metadata":${metadata},"items":${items}}`;
      });
      sendJson(res, body);
    }),
  );

  router.get(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      requireUser(ctx, req);
      const record = findApplication(store, req.params.name, req.query);
      const refresh = queryString(req.query.refresh);
      if (refresh === 'normal' || refresh === 'hard')
        await ctx.reconciler.reconcile(record, true);
      sendJson(res, store.fullJson(record));
    }),
  );

  router.get(
    '/api/v1/applications/:name/resource-tree',
    handle((req, res) => {
      requireUser(ctx, req);
      res.json(
        resourceTree(findApplication(store, req.params.name, req.query)),
      );
    }),
  );

  router.get(
    '/api/v1/applications/:name/managed-resources',
    handle((req, res) => {
      requireUser(ctx, req);
      const record = findApplication(store, req.params.name, req.query);
      const filters = ['namespace', 'name', 'group', 'kind'] as const;
      const items = managedResources(record).filter(diff =>
        filters.every(f => {
          const wanted = queryString(req.query[f]);
          return wanted === undefined || (diff[f] ?? '') === wanted;
        }),
      );
      res.json({ items: items.length > 0 ? items : null });
    }),
  );

  router.get(
    '/api/v1/applications/:name/revisions/:revision/metadata',
    handle(async (req, res) => {
      requireUser(ctx, req);
      const record = findApplication(store, req.params.name, req.query);
      try {
        res.json(await record.source.revisionMetadata(req.params.revision));
      } catch (error) {
        throw new ArgoError(
          GrpcCode.Unknown,
          `rpc error: code = Unknown desc = ${(error as Error).message}`,
        );
      }
    }),
  );

  router.get(
    '/api/v1/applications/:name/events',
    handle((req, res) => {
      requireUser(ctx, req);
      const record = findApplication(store, req.params.name, req.query);
      const resourceName = queryString(req.query.resourceName);
      const resourceUID = queryString(req.query.resourceUID);
      const resourceNamespace = queryString(req.query.resourceNamespace);
      let items = record.events.filter(
        e => e.involvedObject.kind === 'Application',
      );
      if (resourceName || resourceUID) {
        const nodes = (resourceTree(record).nodes ?? []).filter(
          n =>
            (!resourceName || n.name === resourceName) &&
            (!resourceUID || n.uid === resourceUID) &&
            (!resourceNamespace || n.namespace === resourceNamespace),
        );
        if (nodes.length === 0) {
          throw invalidArgument(
            `${resourceName ?? resourceUID} not found as part of application ${
              record.app.metadata.name
            }`,
          );
        }
        // Like a field selector on involvedObject name/namespace/uid in the destination cluster.
        items = record.events.flatMap(e => {
          const node = nodes.find(
            n =>
              n.kind === e.involvedObject.kind &&
              n.name === e.involvedObject.name,
          );
          return node
            ? [{ ...e, involvedObject: { ...e.involvedObject, uid: node.uid } }]
            : [];
        });
      }
      res.json({ metadata: {}, items: items.length > 0 ? items : null });
    }),
  );

  router.post(
    '/api/v1/applications/:name/sync',
    handle((req, res) => {
      const username = requireUser(ctx, req);
      const body = (req.body ?? {}) as Body;
      const record = findApplication(
        store,
        req.params.name,
        params(req.query, body),
      );
      ctx.lifecycle.requestSync(record, {
        revision:
          typeof body.revision === 'string' && body.revision !== ''
            ? body.revision
            : undefined,
        prune: body.prune === true,
        dryRun: body.dryRun === true,
        strategy: body.strategy as Body | undefined,
        resources: Array.isArray(body.resources)
          ? (body.resources as never[])
          : undefined,
        syncOptions: (body.syncOptions as { items?: string[] } | undefined)
          ?.items,
        initiatedBy: { username },
      });
      sendJson(res, store.fullJson(record));
    }),
  );

  // PATCH with patchType `merge` (what the UI sends to switch auto-sync); only `spec` changes.
  router.patch(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      requireUser(ctx, req);
      const body = (req.body ?? {}) as Body;
      const record = findApplication(
        store,
        req.params.name,
        params(req.query, body),
      );
      if (body.patchType !== 'merge') {
        throw invalidArgument(
          `Patch type '${String(body.patchType ?? '')}' is not supported`,
        );
      }
      let patch: unknown;
      try {
        patch = JSON.parse(String(body.patch ?? ''));
      } catch (error) {
        throw invalidArgument(
          `error parsing patch: ${(error as Error).message}`,
        );
      }
      const patched = mergePatch({ spec: record.app.spec }, patch) as {
        spec?: typeof record.app.spec;
      };
      store.update(record, r => {
        if (patched.spec) r.app.spec = patched.spec;
      });
      await ctx.reconciler.reconcile(record, true);
      sendJson(res, store.fullJson(record));
    }),
  );

  router.post(
    '/api/v1/applications/:name/rollback',
    handle((req, res) => {
      const username = requireUser(ctx, req);
      const body = (req.body ?? {}) as Body;
      const record = findApplication(
        store,
        req.params.name,
        params(req.query, body),
      );
      ctx.lifecycle.requestRollback(record, int64(body.id, 'id'), {
        dryRun: body.dryRun === true,
        prune: body.prune === true,
        initiatedBy: { username },
      });
      sendJson(res, store.fullJson(record));
    }),
  );

  router.delete(
    '/api/v1/applications/:name/operation',
    handle((req, res) => {
      requireUser(ctx, req);
      ctx.lifecycle.terminate(
        findApplication(store, req.params.name, req.query),
      );
      res.json({});
    }),
  );

  return router;
}
