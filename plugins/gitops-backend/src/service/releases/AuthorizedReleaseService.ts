import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CreatePromotionResponse,
  gitopsApplicationReadPermission,
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
  PromotionPreview,
  PromotionRequest,
  Release,
  ReleaseActionRequest,
  ReleaseFilter,
  ReleaseListResponse,
} from '@slipway/plugin-gitops-common';
import type { Request } from 'express';
import { RecordSuccess, ReleaseService } from '../../engine/ReleaseService';
import type { GateCallbackCall } from '../../engine/gates/GateCallbacks';
import {
  assertCanWriteTargets,
  EngineWriteGuard,
} from '../../engine/writeGuard';
import { AuditLog } from '../../audit/AuditLog';
import { actorOf, auditedAction } from '../audit/auditedAction';
import { Viewer, withApproverVerdicts } from './approverVerdicts';
import { CatalogMembership } from './CatalogMembership';
import { Authorizer } from '../authorize';

/** Who asks: their credentials, and the HTTP request the auditor service logs. */
export interface ReleaseCaller {
  credentials: BackstageCredentials;
  request: Request<any, any, any, any>;
}

export interface AuthorizedReleaseServiceOptions {
  releases: ReleaseService;
  authorizer: Authorizer;
  audit: AuditLog;
  userInfo: UserInfoService;
  /** Adds the approver's groups as the catalog knows them to those their sign-in resolved. */
  membership?: CatalogMembership;
  /** Refuses a promotion whose initiator may not write to its target repositories. */
  writeGuard?: EngineWriteGuard;
}

type ReleaseActionName =
  | 'retry'
  | 'terminate'
  | 'approve'
  | 'freeze-override'
  | 'freeze-override-approve';

/** The environment an action on a release is about: the waiting, failed or first unfinished step. */
function focusOf(release: Release): string | undefined {
  const step =
    release.steps.find(s =>
      s.gates.some(g => g.type === 'manual-approval' && g.status === 'waiting'),
    ) ??
    release.steps.find(s => s.status === 'failed') ??
    release.steps.find(s => s.status !== 'succeeded') ??
    release.steps[0];
  return step?.environment;
}

const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

/** A page of releases waiting for a manual approval, for the approvable filter to sift. */
const WAITING_PAGE = 50;

/**
 * The release service as callers may use it: reads need the application read permission; a promotion
 * needs `gitops.promotion.create` on the product and target environment (conditional decisions apply)
 * and, for its initiator, write access to every repository it will write to; retry, terminate and
 * approve need `gitops.release.manage` on the release's product and focused environment. Every write is
 * one audited action: `denied` when refused, `failed` when it fails (an unknown release included),
 * `succeeded` in the transaction that stores the change.
 */
export class AuthorizedReleaseService {
  constructor(private readonly options: AuthorizedReleaseServiceOptions) {}

  async preview(
    product: string,
    request: PromotionRequest,
    caller: ReleaseCaller,
  ): Promise<PromotionPreview> {
    await this.options.authorizer.basicFor(
      caller.credentials,
      gitopsApplicationReadPermission,
    );
    return this.options.releases.preview(product, request);
  }

  promote(
    product: string,
    request: PromotionRequest,
    caller: ReleaseCaller,
  ): Promise<CreatePromotionResponse> {
    const { releases, authorizer, audit, writeGuard } = this.options;
    return auditedAction({
      req: caller.request,
      credentials: caller.credentials,
      audit,
      event: {
        action: 'promotion.create',
        target: `product:${product}`,
        product,
        environment: request.to,
        details: {
          from: request.from,
          to: request.to,
          ...(request.version ? { version: request.version } : {}),
          ...(request.action ? { action: request.action } : {}),
        },
      },
      authorize: credentials =>
        authorizer.product(credentials, gitopsPromotionCreatePermission, {
          product,
          environment: request.to,
        }),
      run: async ({ actor, recordSuccess }) => {
        const promotion = await releases.plan(product, request, actor);
        // A user who cannot write to a target repository cannot make Slipway write there for them
        // (403, audited as denied, nothing stored).
        if (writeGuard)
          await assertCanWriteTargets(writeGuard, promotion.record);
        return releases.promote(promotion, { recordSuccess });
      },
    });
  }

  async list(
    filter: ReleaseFilter,
    caller: ReleaseCaller,
  ): Promise<ReleaseListResponse> {
    await this.options.authorizer.basicFor(
      caller.credentials,
      gitopsApplicationReadPermission,
    );
    const { approvableBy, ...rest } = filter;
    if (approvableBy) return this.approvable(rest, caller.credentials);
    return this.options.releases.list(rest);
  }

  /** The release, with each waiting approval saying whether this caller may give it, and why not. */
  async get(id: string, caller: ReleaseCaller): Promise<Release> {
    const { credentials } = caller;
    await this.options.authorizer.basicFor(
      credentials,
      gitopsApplicationReadPermission,
    );
    const release = await this.options.releases.get(id);
    const viewer = isUser(credentials)
      ? await this.viewerOf(credentials)
      : undefined;
    return this.withVerdicts(release, viewer, credentials);
  }

  retry(id: string, body: ReleaseActionRequest, caller: ReleaseCaller) {
    return this.act('retry', id, body, caller, ({ actor, recordSuccess }) =>
      this.options.releases.retry(id, { actor, recordSuccess }),
    );
  }

  terminate(id: string, body: ReleaseActionRequest, caller: ReleaseCaller) {
    return this.act('terminate', id, body, caller, ({ actor, recordSuccess }) =>
      this.options.releases.terminate(id, {
        actor,
        reason: body.reason,
        recordSuccess,
      }),
    );
  }

  approve(id: string, body: ReleaseActionRequest, caller: ReleaseCaller) {
    return this.act(
      'approve',
      id,
      body,
      caller,
      async ({ actor, recordSuccess }) =>
        // Refused approvals (the initiator, someone not among the approvers) are audited as denied.
        this.options.releases.approve(id, {
          actor,
          ownershipRefs: (await this.viewerOf(caller.credentials))
            .ownershipRefs,
          comment: body.comment,
          recordSuccess,
        }),
    );
  }

  /** Needs `gitops.release.manage`, like the other actions; the reason is on the audit row. */
  requestFreezeOverride(
    id: string,
    body: ReleaseActionRequest,
    caller: ReleaseCaller,
  ) {
    return this.act(
      'freeze-override',
      id,
      body,
      caller,
      ({ actor, recordSuccess }) =>
        this.options.releases.requestFreezeOverride(id, {
          actor,
          reason: body.reason,
          recordSuccess,
        }),
    );
  }

  /** Refused (and audited as denied) for the initiator and for whoever asked for the override. */
  approveFreezeOverride(
    id: string,
    body: ReleaseActionRequest,
    caller: ReleaseCaller,
  ) {
    return this.act(
      'freeze-override-approve',
      id,
      body,
      caller,
      ({ actor, recordSuccess }) =>
        this.options.releases.approveFreezeOverride(id, {
          actor,
          comment: body.comment,
          recordSuccess,
        }),
    );
  }

  /** No permission: the gate's signing secret is what authorizes the call (checked and audited there). */
  receiveCallback(id: string, gate: string, call: GateCallbackCall) {
    return this.options.releases.receiveCallback(id, gate, call);
  }

  /**
   * `approvableBy=me`: waiting releases in which the caller may give a waiting approval now, with the
   * same verdict `get` shows. Pages of waiting releases are sifted until a page of matches is full.
   */
  private async approvable(
    filter: Omit<ReleaseFilter, 'approvableBy'>,
    credentials: BackstageCredentials,
  ): Promise<ReleaseListResponse> {
    if (!isUser(credentials)) {
      throw new InputError(
        'approvableBy=me needs a signed-in user; this caller is not one',
      );
    }
    if (filter.status && filter.status !== 'waiting') return { items: [] };
    const { releases } = this.options;
    const viewer = await this.viewerOf(credentials);
    const limit = filter.limit ?? WAITING_PAGE;
    const items: ReleaseListResponse['items'] = [];
    let cursor = filter.cursor;
    do {
      const page = await releases.list({
        ...filter,
        status: 'waiting',
        // Never more than the matches still missing, so the page's cursor is where to go on.
        limit: limit - items.length,
        cursor,
      });
      for (const summary of page.items) {
        const release = await this.withVerdicts(
          await releases.get(summary.id),
          viewer,
          credentials,
        );
        const mayApprove = release.steps.some(step =>
          step.gates.some(gate => gate.canApprove),
        );
        if (mayApprove) items.push(summary);
      }
      cursor = page.nextCursor;
    } while (cursor && items.length < limit);
    return { items, ...(cursor ? { nextCursor: cursor } : {}) };
  }

  /** Who asks, with their groups as the sign-in resolved them and as the catalog knows them. */
  private async viewerOf(credentials: BackstageCredentials): Promise<Viewer> {
    if (!isUser(credentials)) {
      throw new NotAllowedError('Only a signed-in user can approve a release');
    }
    const ref = actorOf(credentials);
    const [info, groups] = await Promise.all([
      this.options.userInfo.getUserInfo(
        credentials as BackstageCredentials<any>,
      ),
      this.options.membership?.groupsOf(ref) ?? [],
    ]);
    return {
      ref,
      ownershipRefs: [...new Set([...info.ownershipEntityRefs, ...groups])],
    };
  }

  private withVerdicts(
    release: Release,
    viewer: Viewer | undefined,
    credentials: BackstageCredentials,
  ): Promise<Release> {
    return withApproverVerdicts(release, viewer, environment =>
      this.options.authorizer.product(
        credentials,
        gitopsReleaseManagePermission,
        { product: release.product, environment },
      ),
    );
  }

  private async act(
    name: ReleaseActionName,
    id: string,
    body: ReleaseActionRequest,
    caller: ReleaseCaller,
    run: (change: {
      actor: string;
      recordSuccess: RecordSuccess;
    }) => Promise<Release>,
  ): Promise<Release> {
    const { releases, authorizer, audit } = this.options;
    const release = await releases.get(id).catch(error => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const environment = release && focusOf(release);
    return auditedAction({
      req: caller.request,
      credentials: caller.credentials,
      audit,
      event: {
        action: `release.${name}`,
        target: `release:${id}`,
        ...(release ? { product: release.product } : {}),
        ...(environment ? { environment } : {}),
        releaseId: id,
        details: {
          ...(release ? { version: release.version } : {}),
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
        },
      },
      authorize: async credentials => {
        // An action on a release that does not exist is a failed attempt (404), still on record.
        if (!release) throw new NotFoundError(`No release '${id}'`);
        await authorizer.product(credentials, gitopsReleaseManagePermission, {
          product: release.product,
          ...(environment ? { environment } : {}),
        });
      },
      run,
    });
  }
}
