import { Router } from 'express';
import { ArgoError, GrpcCode, invalidArgument } from '../argocd/errors';
import { rfc3339 } from '../argocd/time';
import { optionalUser, requireUser } from './auth';
import { ArgoContext, handle } from './context';

const canIResources = [
  'clusters',
  'projects',
  'applications',
  'applicationsets',
  'repositories',
  'write-repositories',
  'certificates',
  'accounts',
  'gpgkeys',
  'logs',
  'exec',
  'extensions',
];
const canIActions = [
  'get',
  'create',
  'update',
  'delete',
  'sync',
  'override',
  'action',
  'invoke',
];

/** Version, session, can-i and clusters: the non-application endpoints a portal uses. */
export function sessionRoutes(ctx: ArgoContext): Router {
  const router = Router();

  router.get(
    '/api/version',
    handle((req, res) => {
      // Anonymous callers only learn the version string.
      if (!optionalUser(ctx, req)) {
        res.json({ Version: ctx.version });
        return;
      }
      res.json({
        Version: ctx.version,
        BuildDate: '2026-08-12T09:14:07Z',
        GitCommit: '109ca7ca71139e514114499d294a492e7910a965',
        GitTreeState: 'clean',
        GoVersion: 'go1.25.1',
        Compiler: 'gc',
        Platform: 'linux/amd64',
        KustomizeVersion: 'v5.7.1 2025-07-23T12:45:29Z',
        HelmVersion: 'v3.19.0+g3d8990f',
        KubectlVersion: 'v0.34.1',
        JsonnetVersion: 'v0.21.0',
      });
    }),
  );

  router.post(
    '/api/v1/session',
    handle((req, res) => {
      const { username, password } = (req.body ?? {}) as {
        username?: string;
        password?: string;
      };
      if (!username || !password) {
        throw new ArgoError(
          GrpcCode.Unauthenticated,
          'no credentials supplied',
        );
      }
      const user = ctx.users.find(
        u => u.username === username && u.password === password,
      );
      if (!user)
        throw new ArgoError(
          GrpcCode.Unauthenticated,
          'Invalid username or password',
        );
      const token = ctx.sessions.issue(user.username);
      res.cookie('argocd.token', token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
      });
      res.json({ token });
    }),
  );

  router.delete(
    '/api/v1/session',
    handle((req, res) => {
      requireUser(ctx, req);
      const result = ctx.sessions.authenticate(req.headers);
      if (result.kind === 'ok') ctx.sessions.revoke(result.token);
      res.clearCookie('argocd.token', { path: '/' });
      res.json({ token: '' });
    }),
  );

  router.get(
    '/api/v1/session/userinfo',
    handle((req, res) => {
      const result = ctx.sessions.authenticate(req.headers);
      if (result.kind !== 'ok') {
        res.json({ loggedIn: false });
        return;
      }
      res.json({ loggedIn: true, username: result.username, iss: 'argocd' });
    }),
  );

  router.get(
    '/api/v1/account/can-i/:resource/:action/*',
    handle((req, res) => {
      requireUser(ctx, req);
      const { resource, action } = req.params;
      if (!canIResources.includes(resource)) {
        throw invalidArgument(
          `[${canIResources.join(' ')}] does not contain ${resource}`,
        );
      }
      if (!canIActions.includes(action)) {
        throw invalidArgument(
          `[${canIActions.join(' ')}] does not contain ${action}`,
        );
      }
      // Every simulator user is an admin.
      res.json({ value: 'yes' });
    }),
  );

  router.get(
    '/api/v1/clusters',
    handle((req, res) => {
      requireUser(ctx, req);
      const server =
        typeof req.query.server === 'string' ? req.query.server : undefined;
      const name =
        typeof req.query.name === 'string' ? req.query.name : undefined;
      const now = rfc3339();
      const apps = ctx.store.all();
      const items = ctx.clusters
        .filter(
          c => (!server || c.server === server) && (!name || c.name === name),
        )
        .map(c => {
          const connectionState = {
            status: 'Successful',
            message: '',
            attemptedAt: now,
          };
          return {
            server: c.server,
            name: c.name,
            config: { tlsClientConfig: { insecure: false } },
            connectionState,
            serverVersion: ctx.kubernetesVersion,
            info: {
              connectionState,
              serverVersion: ctx.kubernetesVersion,
              cacheInfo: {
                resourcesCount: apps.length * 6 + 40,
                apisCount: 62,
                lastCacheSyncTime: now,
              },
              applicationsCount: apps.filter(
                a =>
                  a.app.spec.destination.server === c.server ||
                  a.app.spec.destination.name === c.name,
              ).length,
            },
          };
        });
      res.json({ metadata: {}, items: items.length > 0 ? items : null });
    }),
  );

  return router;
}
