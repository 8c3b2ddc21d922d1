import type {
  CreatePromotionResponse,
  PromotionPreview,
  PromotionRequest,
  Release,
  ReleaseFilter,
  ReleaseListResponse,
} from '@slipway/plugin-gitops-common';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import type { Knex } from 'knex';
import type {
  AuditRecorder,
  NewAuditEvent,
} from '../database/audit/AuditRecorder';
import type { ReleaseRecord } from '../domain/releases/releaseRecord';
import { PromotionEngine } from './PromotionEngine';
import { previewPromotion } from './previewPromotion';
import { ReleaseActions, toRelease } from './ReleaseActions';
import type { BoardModel } from '../delivery/boardModel';
import type { DeliveryReader } from '../delivery/DeliveryReader';
import { GateCallbackCall, GateCallbacks } from './gates/GateCallbacks';
import type { GateSecrets } from './gates/gateSecrets';

/** A promotion as planned for one request: what `promote` stores, and what a write check looks at. */
export interface PlannedPromotion {
  board: BoardModel;
  record: ReleaseRecord;
}

/**
 * Records the caller's own `succeeded` audit event in the transaction that stores a change, with what
 * only the change knows (the release id, the environment, details) added to it.
 */
export type RecordSuccess = (
  trx: Knex.Transaction,
  extra?: Partial<Omit<NewAuditEvent, 'actor' | 'outcome' | 'source' | 'time'>>,
) => Promise<void>;

/** Who changes a release, and how the caller's own audit event joins the change's transaction. */
export interface ReleaseChange {
  actor: string;
  /** Records the caller's `succeeded` event in the transaction that stores the change. */
  recordSuccess?: RecordSuccess;
}

/**
 * Releases as the API offers them, without permissions (see `AuthorizedReleaseService` in
 * `service/releases`, which applies them).
 */
export interface ReleaseService {
  /** The Git providers promotions write through (e.g. to tell whether a host can open pull requests). */
  readonly git: GitProviderRegistry;
  /** Plans a manual promotion for `initiator` without storing anything (400 for a bad request). */
  plan(
    product: string,
    request: PromotionRequest,
    initiator: string,
  ): Promise<PlannedPromotion>;
  /** The exact files a promotion would commit now. */
  preview(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview>;
  /** Stores a planned promotion as a release the engine runs. */
  promote(
    promotion: PlannedPromotion,
    change: Omit<ReleaseChange, 'actor'>,
  ): Promise<CreatePromotionResponse>;
  list(filter: ReleaseFilter): Promise<ReleaseListResponse>;
  /** 404 for an unknown release. */
  get(id: string): Promise<Release>;
  retry(id: string, change: ReleaseChange): Promise<Release>;
  terminate(
    id: string,
    change: ReleaseChange & { reason?: string },
  ): Promise<Release>;
  approve(
    id: string,
    change: ReleaseChange & {
      /** The approver's own ref and groups, as the sign-in resolved them. */
      ownershipRefs: string[];
      comment?: string;
    },
  ): Promise<Release>;
  /** Asks for an emergency override of the freeze holding the release (400 without a reason). */
  requestFreezeOverride(
    id: string,
    change: ReleaseChange & { reason?: string },
  ): Promise<Release>;
  /** Allows the override asked for; 403 for the initiator and for whoever asked. */
  approveFreezeOverride(
    id: string,
    change: ReleaseChange & { comment?: string },
  ): Promise<Release>;
  /**
   * An outside system's decision on a callback gate: 404 for an unknown release or gate, 401 for an
   * unsigned, wrongly signed or old call (each audited; nothing changes).
   */
  receiveCallback(
    id: string,
    gate: string,
    call: GateCallbackCall,
  ): Promise<Release>;
}

export interface DefaultReleaseServiceOptions {
  engine: PromotionEngine;
  delivery: DeliveryReader;
  git: GitProviderRegistry;
  audit: AuditRecorder;
  /** `gitops.gates.secrets`: what callback gates verify signatures with. */
  secrets?: GateSecrets;
}

/** The release service over the promotion engine's public methods. */
export class DefaultReleaseService implements ReleaseService {
  private readonly actions: ReleaseActions;
  private readonly callbacks: GateCallbacks;

  constructor(private readonly options: DefaultReleaseServiceOptions) {
    const { engine, audit } = options;
    this.actions = new ReleaseActions({
      store: engine.store,
      audit,
      wake: () => engine.wake(),
      publish: (record, before) => engine.publish(record, before),
    });
    this.callbacks = new GateCallbacks({
      store: engine.store,
      actions: this.actions,
      audit,
      secrets: options.secrets ?? new Map(),
    });
  }

  get git(): GitProviderRegistry {
    return this.options.git;
  }

  async plan(
    product: string,
    request: PromotionRequest,
    initiator: string,
  ): Promise<PlannedPromotion> {
    const board = await this.options.delivery.board();
    const record = await this.options.engine.planner.manual(
      board,
      product,
      request,
      initiator,
    );
    return { board, record };
  }

  async preview(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview> {
    const { board, record } = await this.plan(product, request, 'preview');
    const planned = board.config.products.find(p => p.name === record.product)!;
    return previewPromotion(this.options.git, board, planned, record);
  }

  async promote(
    { board, record }: PlannedPromotion,
    { recordSuccess }: Omit<ReleaseChange, 'actor'>,
  ): Promise<CreatePromotionResponse> {
    const concurrency =
      board.config.products.find(p => p.name === record.product)?.concurrency ??
      'queue';
    await this.options.engine.submit(record, {
      concurrency,
      inTransaction: async trx => {
        await recordSuccess?.(trx, {
          releaseId: record.id,
          details: {
            from: record.sourceEnvironment,
            version: record.version,
            kind: record.kind,
            ...(record.plan.action ? { action: record.plan.action } : {}),
          },
        });
      },
    });
    return { releaseId: record.id };
  }

  list(filter: ReleaseFilter): Promise<ReleaseListResponse> {
    return this.options.engine.store.list(filter);
  }

  async get(id: string): Promise<Release> {
    return toRelease(await this.actions.get(id));
  }

  async retry(id: string, { actor, recordSuccess }: ReleaseChange) {
    return toRelease(await this.actions.retry(id, actor, recordSuccess));
  }

  async terminate(
    id: string,
    { actor, reason, recordSuccess }: ReleaseChange & { reason?: string },
  ) {
    return toRelease(
      await this.actions.terminate(id, actor, reason, recordSuccess),
    );
  }

  async approve(
    id: string,
    {
      actor,
      ownershipRefs,
      comment,
      recordSuccess,
    }: ReleaseChange & { ownershipRefs: string[]; comment?: string },
  ) {
    return toRelease(
      await this.actions.approve(
        id,
        actor,
        ownershipRefs,
        comment,
        recordSuccess,
      ),
    );
  }

  async requestFreezeOverride(
    id: string,
    { actor, reason, recordSuccess }: ReleaseChange & { reason?: string },
  ) {
    return toRelease(
      await this.actions.requestFreezeOverride(
        id,
        actor,
        reason,
        recordSuccess,
      ),
    );
  }

  async approveFreezeOverride(
    id: string,
    { actor, comment, recordSuccess }: ReleaseChange & { comment?: string },
  ) {
    return toRelease(
      await this.actions.approveFreezeOverride(
        id,
        actor,
        comment,
        recordSuccess,
      ),
    );
  }

  async receiveCallback(id: string, gate: string, call: GateCallbackCall) {
    return toRelease(await this.callbacks.receive(id, gate, call));
  }
}
