import express, { Router } from 'express';
import type { Faults } from '../faults';
import {
  validateComponentState,
  validateFaultState,
  validateHealthCode,
} from '../faults';
import type { ApplicationStore } from '../model/ApplicationStore';

export interface AdminHooks {
  faults: Faults;
  store: ApplicationStore;
  describe(): Record<string, unknown>;
  replaceSynthetic(count: number): void;
}

function badRequest(res: express.Response, error: unknown) {
  res.status(400).json({ error: (error as Error).message });
}

/** /__admin: test and sandbox controls. No auth, never subject to faults. */
export function adminRoutes(hooks: AdminHooks): Router {
  const router = Router();
  router.use(express.json());

  router.get('/faults', (_req, res) => {
    res.json(hooks.faults.get());
  });

  router.put('/faults', (req, res) => {
    try {
      hooks.faults.set(validateFaultState(req.body));
      res.json(hooks.faults.get());
    } catch (error) {
      badRequest(res, error);
    }
  });

  router.post('/reset', (_req, res) => {
    hooks.faults.reset();
    res.json(hooks.faults.get());
  });

  router.post('/applications/:name/health', (req, res) => {
    const namespace =
      typeof req.query.appNamespace === 'string'
        ? req.query.appNamespace
        : undefined;
    const body = (req.body ?? {}) as { status?: unknown; message?: unknown };
    let status;
    try {
      status = validateHealthCode(body.status);
    } catch (error) {
      badRequest(res, error);
      return;
    }
    try {
      hooks.faults.setApplicationHealth(
        req.params.name,
        {
          status,
          ...(typeof body.message === 'string'
            ? { message: body.message }
            : {}),
        },
        namespace,
      );
    } catch (error) {
      res.status(404).json({ error: (error as Error).message });
      return;
    }
    const record = hooks.store.get(namespace ?? 'argocd', req.params.name);
    res.json({ name: req.params.name, health: record?.app.status.health });
  });

  router.post('/components/:name', (req, res) => {
    try {
      hooks.faults.setComponentState(
        req.params.name,
        validateComponentState(req.body?.state),
      );
      res.json(hooks.faults.componentStates());
    } catch (error) {
      badRequest(res, error);
    }
  });

  router.post('/synthetic', (req, res) => {
    const count = req.body?.count;
    if (!Number.isInteger(count) || count < 0 || count > 100_000) {
      badRequest(
        res,
        new Error('count must be an integer between 0 and 100000'),
      );
      return;
    }
    hooks.replaceSynthetic(count);
    res.json({ count, total: hooks.store.size });
  });

  router.get('/state', (_req, res) => {
    res.json(hooks.describe());
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'unknown admin endpoint' });
  });
  return router;
}
