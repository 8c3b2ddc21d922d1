import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { Knex } from 'knex';
import { AuditRecorder, NewAuditEvent } from '../database/audit/AuditRecorder';
import { ACTIVE_STATUSES } from '../database/releases/ReleaseStore';
import type { ReleaseStore } from '../database/releases/ReleaseStoreContract';
import { ReleaseRecord, toRelease } from '../domain/releases/releaseRecord';
import {
  approvalDecision,
  freezeOverrideDecision,
} from '../domain/releases/gates';
import { CallbackOutcome, findCallbackGate } from '../domain/releases/callback';
import {
  retryPlan,
  transitionRelease,
  transitionStep,
} from '../domain/releases/releaseState';
import { terminateRelease } from './PromotionEngine';
import {
  ReleaseStatuses,
  statusesOf,
  transitionEvents,
} from './transitionEvents';

export { toRelease };

const MAX_ATTEMPTS = 5;

/** Records the API action's own `succeeded` audit event in the transaction that saves it. */
export type RecordSuccess = (
  trx: Knex.Transaction,
  event: Omit<NewAuditEvent, 'actor' | 'outcome' | 'source'>,
) => Promise<void>;

/**
 * Retry, terminate and approve, as the API asks for them. Each is a read-modify-write guarded by the
 * release's row version, retried when the engine wrote in between, with its audit event in the
 * same transaction.
 */
export class ReleaseActions {
  constructor(
    private readonly options: {
      store: ReleaseStore;
      audit: AuditRecorder;
      /** Runs the engine soon, so the change takes effect without waiting for the scheduler. */
      wake: () => void;
      /** Signals the change; `before` (the release as read) lets it send the release events. */
      publish: (
        record: ReleaseRecord,
        before?: ReleaseStatuses,
      ) => Promise<void>;
    },
  ) {}

  async get(id: string): Promise<ReleaseRecord> {
    const record = await this.options.store.get(id);
    if (!record) throw new NotFoundError(`No release '${id}'`);
    return record;
  }

  retry(
    id: string,
    actor: string,
    recordSuccess?: RecordSuccess,
  ): Promise<ReleaseRecord> {
    return this.change(id, actor, 'release.retry', recordSuccess, record => {
      if (record.status !== 'failed') {
        throw new ConflictError(
          `Release ${id} is ${record.status}; only a failed release can be retried`,
        );
      }
      const now = new Date().toISOString();
      for (const environment of retryPlan(record.steps)) {
        const step = record.steps.find(s => s.environment === environment)!;
        transitionStep(step, 'pending');
        delete step.error;
        delete step.finishedAt;
        delete step.phaseStartedAt;
        for (const gate of step.gates) {
          // An approval already given stands; a freeze or soak is looked at again.
          if (gate.type !== 'manual-approval') {
            gate.status = 'pending';
            delete gate.startedAt;
          }
          // A rejection is asked again on retry; an outside approval stands like a manual one.
          if (gate.callback?.outcome === 'rejected') delete gate.callback;
        }
        for (const app of step.applications) {
          // A manual-sync application is asked to sync again: what made it fail may be fixed in Git.
          delete app.syncRequested;
          if (app.status === 'failed' || app.status === 'terminated') {
            app.status = app.expectedRevision ? 'committed' : 'pending';
            delete app.error;
          }
        }
      }
      transitionRelease(record, 'running');
      record.attempt += 1;
      delete record.error;
      delete record.finishedAt;
      record.nextRunAt = now;
      return { details: { attempt: record.attempt } };
    });
  }

  terminate(
    id: string,
    actor: string,
    reason?: string,
    recordSuccess?: RecordSuccess,
  ): Promise<ReleaseRecord> {
    return this.change(
      id,
      actor,
      'release.terminate',
      recordSuccess,
      record => {
        if (
          !ACTIVE_STATUSES.includes(record.status) &&
          record.status !== 'failed'
        ) {
          throw new ConflictError(
            `Release ${id} is ${record.status}; it has already finished`,
          );
        }
        terminateRelease(record, {
          actor,
          reason: reason?.trim() || undefined,
        });
        return { details: reason ? { reason } : {} };
      },
    );
  }

  approve(
    id: string,
    actor: string,
    ownershipRefs: string[],
    comment?: string,
    recordSuccess?: RecordSuccess,
  ): Promise<ReleaseRecord> {
    return this.change(id, actor, 'release.approve', recordSuccess, record => {
      const step = record.steps.find(s =>
        s.gates.some(
          g =>
            g.type === 'manual-approval' &&
            g.status === 'waiting' &&
            ((g.phase === 'pre' && s.status === 'pre-gates') ||
              (g.phase === 'post' && s.status === 'post-gates')),
        ),
      );
      if (!step || !ACTIVE_STATUSES.includes(record.status)) {
        throw new ConflictError(
          `Release ${id} is not waiting for an approval (it is ${record.status})`,
        );
      }
      const gate = this.checkApprover(record, actor, ownershipRefs)!;
      gate.status = 'passed';
      gate.approvedBy = actor;
      gate.approvedAt = new Date().toISOString();
      if (comment?.trim()) gate.approvalComment = comment.trim();
      delete gate.reason;
      record.nextRunAt = new Date().toISOString();
      return {
        environment: step.environment,
        details: comment ? { comment } : {},
      };
    });
  }

  /** Asks to let the release through the freeze that holds it; allowed only once someone else approves. */
  requestFreezeOverride(
    id: string,
    actor: string,
    reason: string | undefined,
    recordSuccess?: RecordSuccess,
  ): Promise<ReleaseRecord> {
    return this.change(
      id,
      actor,
      'release.freeze-override',
      recordSuccess,
      record => {
        const text = reason?.trim();
        if (!text) {
          throw new InputError(
            'An emergency override of a freeze needs a reason',
          );
        }
        const { step, gate } = this.heldByFreeze(record);
        if (gate.override) {
          throw new ConflictError(
            `An override of this freeze was already asked for by ${gate.override.requestedBy}`,
          );
        }
        gate.override = {
          reason: text,
          requestedBy: actor,
          requestedAt: new Date().toISOString(),
        };
        // The engine restates the freeze's reason with the request at once.
        record.nextRunAt = new Date().toISOString();
        return { environment: step.environment, details: { reason: text } };
      },
    );
  }

  /** A second person allows the override asked for; the engine then lets the step through. */
  approveFreezeOverride(
    id: string,
    actor: string,
    comment: string | undefined,
    recordSuccess?: RecordSuccess,
  ): Promise<ReleaseRecord> {
    return this.change(
      id,
      actor,
      'release.freeze-override-approve',
      recordSuccess,
      record => {
        const { step, gate } = this.heldByFreeze(record);
        const override = gate.override;
        if (!override) {
          throw new ConflictError(
            `Nobody asked for an override of the freeze holding release ${id}`,
          );
        }
        const decision = freezeOverrideDecision({
          initiator: record.initiator,
          requestedBy: override.requestedBy,
          approver: actor,
        });
        if (!decision.allowed) throw new NotAllowedError(decision.reason);
        override.approvedBy = actor;
        override.approvedAt = new Date().toISOString();
        if (comment?.trim()) override.approvalComment = comment.trim();
        record.nextRunAt = new Date().toISOString();
        return {
          environment: step.environment,
          details: {
            reason: override.reason,
            requestedBy: override.requestedBy,
            ...(comment?.trim() ? { comment: comment.trim() } : {}),
          },
        };
      },
    );
  }

  /** The step a freeze holds now, and its freeze gate; 409 when no freeze holds the release. */
  private heldByFreeze(record: ReleaseRecord) {
    const step = record.steps.find(
      s =>
        s.status === 'pre-gates' &&
        s.gates.some(
          g =>
            g.type === 'freeze-window' &&
            g.status === 'waiting' &&
            !g.override?.approvedBy,
        ),
    );
    if (!step || !ACTIVE_STATUSES.includes(record.status)) {
      throw new ConflictError(
        `Release ${record.id} is not held by a freeze (it is ${record.status})`,
      );
    }
    return {
      step,
      gate: step.gates.find(g => g.type === 'freeze-window')!,
    };
  }

  /** Stores what an outside system decided on a waiting callback gate (the call is verified already). */
  decideCallback(
    id: string,
    gateName: string,
    decision: CallbackOutcome,
  ): Promise<ReleaseRecord> {
    return this.change(
      id,
      decision.by,
      'release.gate-callback',
      undefined,
      record => {
        const found = findCallbackGate(record.steps, gateName);
        if (!found?.waiting || !ACTIVE_STATUSES.includes(record.status)) {
          throw new ConflictError(
            `Release ${id} is not waiting for the ${gateName} gate (it is ${record.status})`,
          );
        }
        found.gate.callback = decision;
        record.nextRunAt = new Date().toISOString();
        const { at: _at, ...details } = decision;
        return {
          environment: found.step.environment,
          details: { gate: gateName, ...details },
        };
      },
    );
  }

  /**
   * Throws NotAllowedError when `actor` may not approve the release's waiting approval (they started
   * it, or are not an approver); answers the gate, or `undefined` when nothing waits for approval.
   */
  checkApprover(record: ReleaseRecord, actor: string, ownershipRefs: string[]) {
    const gate = record.steps
      .flatMap(s => s.gates)
      .find(g => g.type === 'manual-approval' && g.status === 'waiting');
    if (!gate) return undefined;
    const decision = approvalDecision({
      approvers: gate.approvers ?? [],
      initiator: record.initiator,
      approver: actor,
      approverOwnershipRefs: ownershipRefs,
    });
    if (!decision.allowed) {
      throw new NotAllowedError(decision.reason);
    }
    return gate;
  }

  private async change(
    id: string,
    actor: string,
    action: string,
    recordSuccess: RecordSuccess | undefined,
    mutate: (record: ReleaseRecord) => {
      environment?: string;
      details: Record<string, unknown>;
    },
  ): Promise<ReleaseRecord> {
    const { store, audit } = this.options;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = await this.get(id);
      const before = statusesOf(record);
      const { environment, details } = mutate(record);
      record.updatedAt = new Date().toISOString();
      record.environments = record.steps.map(s => ({
        environment: s.environment,
        status: s.status,
      }));
      const actionEvent: NewAuditEvent = {
        actor,
        action,
        target: `release:${id}`,
        product: record.product,
        ...(environment ? { environment } : {}),
        releaseId: id,
        outcome: 'succeeded',
        source: 'api',
        details: { version: record.version, ...details },
      };
      const transitions = transitionEvents(before, record, actor, 'api');
      const saved = await store.transaction(async trx => {
        if (!(await store.update(record, { trx }))) return false;
        if (recordSuccess) {
          const { actor: _a, outcome: _o, source: _s, ...extra } = actionEvent;
          await recordSuccess(trx, extra);
        } else {
          await audit.record(actionEvent, { transaction: trx });
        }
        for (const event of transitions) {
          await audit.record(event, { transaction: trx });
        }
        return true;
      });
      if (saved) {
        await this.options.publish(record, before);
        this.options.wake();
        return record;
      }
    }
    throw new ConflictError(
      `Release ${id} kept changing while it was being updated; try again`,
    );
  }
}
