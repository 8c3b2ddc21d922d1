import {
  BackstageCredentials,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  gitopsApplicationReadPermission,
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
  PromotionRequest,
  ReleaseFilter,
} from '@slipway/plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';
import { PromotionEngine } from '../../engine/PromotionEngine';
import { previewPromotion } from '../../engine/previewPromotion';
import { ReleaseActions, toRelease } from '../../engine/ReleaseActions';
import { BoardModel } from '../../delivery/boardModel';
import { DeliveryReader } from '../../delivery/DeliveryReader';
import {
  assertCanWriteTargets,
  EngineWriteGuard,
} from '../../engine/writeGuard';
import type { ReleaseRecord } from '../../database/releases/types';
import { AuditLog } from '../../audit/AuditLog';
import {
  actorOf,
  auditedAction,
  auditedFailure,
} from '../audit/auditedAction';
import { Authorizer } from '../authorize';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';

export interface ReleaseRoutesOptions {
  engine: PromotionEngine;
  delivery: DeliveryReader;
  git: GitProviderRegistry;
  authorizer: Authorizer;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  audit: AuditLog;
  /** Refuses a promotion whose initiator may not write to its target repositories. */
  writeGuard?: EngineWriteGuard;
}

function requestOf(body: unknown): PromotionRequest {
  if (!body || typeof body !== 'object') {
    throw new InputError(
      'Send a JSON body { from, to, version?, action?, message? }',
    );
  }
  return body as PromotionRequest;
}

/** Who may approve: the user's own ref and groups, as the sign-in resolved them. */
async function ownershipOf(
  userInfo: UserInfoService,
  credentials: BackstageCredentials,
): Promise<string[]> {
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new NotAllowedError('Only a signed-in user can approve a release');
  }
  const info = await userInfo.getUserInfo(
    credentials as BackstageCredentials<any>,
  );
  return info.ownershipEntityRefs;
}

/**
 * `POST /products/{name}/promotions(/preview)`, `GET /releases(/{id})`,
 * `POST /releases/{id}/retry|terminate|approve`. Every write is one audited action.
 */
export function createReleaseRoutes(
  options: ReleaseRoutesOptions,
): express.Router {
  const router = Router();
  const {
    engine,
    delivery,
    git,
    authorizer,
    httpAuth,
    audit,
    userInfo,
    writeGuard,
  } = options;
  const actions = new ReleaseActions({
    store: engine.store,
    audit,
    wake: () => engine.wake(),
    publish: record => engine.publish(record),
  });

  router.post('/products/:name/promotions/preview', async (req, res) => {
    await authorizer.basic(req, gitopsApplicationReadPermission);
    const request = requestOf(req.body);
    const snapshot = await delivery.board();
    const record = await engine.planner.manual(
      snapshot,
      req.params.name,
      request,
      'preview',
    );
    const product = snapshot.config.products.find(
      p => p.name === record.product,
    )!;
    res.json(await previewPromotion(git, snapshot, product, record));
  });

  router.post('/products/:name/promotions', async (req, res) => {
    const product = req.params.name;
    const request = requestOf(req.body);
    const plan = async (actor: string) => {
      const snapshot = await delivery.board();
      const record = await engine.planner.manual(
        snapshot,
        product,
        request,
        actor,
      );
      return { snapshot, record };
    };
    let planned:
      | { snapshot: BoardModel; record: ReleaseRecord }
      | undefined;
    const result = await auditedAction({
      req,
      httpAuth,
      audit,
      event: {
        action: 'promotion.create',
        target: `product:${product}`,
        product,
        ...(typeof request.to === 'string' ? { environment: request.to } : {}),
        details: {
          from: request.from,
          to: request.to,
          ...(request.version ? { version: request.version } : {}),
          ...(request.action ? { action: request.action } : {}),
        },
      },
      authorize: async credentials => {
        await authorizer.product(credentials, gitopsPromotionCreatePermission, {
          product,
          ...(typeof request.to === 'string'
            ? { environment: request.to }
            : {}),
        });
        if (!writeGuard) return;
        // Planned here to learn the target repositories: a user who cannot write to one of them
        // cannot make Slipway write there (403, audited as denied, nothing recorded).
        planned = await plan(actorOf(credentials));
        await assertCanWriteTargets(writeGuard, planned.record);
      },
      run: async ({ actor, recordSuccess }) => {
        const { snapshot, record } = planned ?? (await plan(actor));
        const concurrency =
          snapshot.config.products.find(p => p.name === product)?.concurrency ??
          'queue';
        await engine.submit(record, {
          concurrency,
          inTransaction: trx =>
            recordSuccess(trx, {
              releaseId: record.id,
              details: {
                from: record.sourceEnvironment,
                to: request.to,
                version: record.version,
                kind: record.kind,
                ...(record.plan.action ? { action: record.plan.action } : {}),
              },
            }),
        });
        return { releaseId: record.id };
      },
    });
    res.status(202).json(result);
  });

  router.get('/releases', async (req, res) => {
    await authorizer.basic(req, gitopsApplicationReadPermission);
    const query = req.query as Record<string, string | undefined>;
    const filter: ReleaseFilter = {
      ...(query.product ? { product: query.product } : {}),
      ...(query.status
        ? { status: query.status as ReleaseFilter['status'] }
        : {}),
      ...(query.environment ? { environment: query.environment } : {}),
      ...(query.limit ? { limit: Number(query.limit) } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    };
    res.json(await engine.store.list(filter));
  });

  router.get('/releases/:id', async (req, res) => {
    await authorizer.basic(req, gitopsApplicationReadPermission);
    res.json(toRelease(await actions.get(req.params.id)));
  });

  /** The environment an action on a release is about: the waiting, failed or first unfinished step. */
  const focus = async (id: string) => {
    const record = await engine.store.get(id);
    if (!record) throw new NotFoundError(`No release '${id}'`);
    const step =
      record.steps.find(s =>
        s.gates.some(
          g => g.type === 'manual-approval' && g.status === 'waiting',
        ),
      ) ??
      record.steps.find(s => s.status === 'failed') ??
      record.steps.find(s => s.status !== 'succeeded') ??
      record.steps[0];
    return { record, environment: step?.environment };
  };

  const releaseAction = (name: 'retry' | 'terminate' | 'approve') =>
    router.post(`/releases/:id/${name}`, async (req, res) => {
      const { id } = req.params;
      const { record, environment } = await focus(id).catch(error =>
        auditedFailure({
          req,
          httpAuth,
          audit,
          event: {
            action: `release.${name}`,
            target: `release:${id.slice(0, 200)}`,
          },
          error,
        }),
      );
      const body = (req.body ?? {}) as { reason?: string; comment?: string };
      const release = await auditedAction({
        req,
        httpAuth,
        audit,
        event: {
          action: `release.${name}`,
          target: `release:${id}`,
          product: record.product,
          ...(environment ? { environment } : {}),
          releaseId: id,
          details: {
            version: record.version,
            ...(body.reason ? { reason: body.reason } : {}),
            ...(body.comment ? { comment: body.comment } : {}),
          },
        },
        authorize: async credentials => {
          await authorizer.product(credentials, gitopsReleaseManagePermission, {
            product: record.product,
            ...(environment ? { environment } : {}),
          });
          if (name === 'approve') {
            // Refused approvals are audited as denied, like a missing permission.
            const refs = await ownershipOf(userInfo, credentials);
            actions.checkApprover(record, actorOf(credentials), refs);
          }
        },
        run: async ({ actor, credentials, recordSuccess }) => {
          if (name === 'retry') return actions.retry(id, actor, recordSuccess);
          if (name === 'terminate') {
            return actions.terminate(id, actor, body.reason, recordSuccess);
          }
          const refs = await ownershipOf(userInfo, credentials);
          return actions.approve(id, actor, refs, body.comment, recordSuccess);
        },
      });
      res.json(toRelease(release));
    });

  releaseAction('retry');
  releaseAction('terminate');
  releaseAction('approve');
  return router;
}
