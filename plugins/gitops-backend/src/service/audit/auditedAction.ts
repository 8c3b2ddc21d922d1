import {
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';
import type { Knex } from 'knex';
import { NewAuditEvent } from '../../database/audit/AuditRecorder';
import { AuditLog } from '../../audit/AuditLog';

/** What an audited action is about; the outcome, actor, source and time are filled in. */
export type AuditedEvent = Omit<
  NewAuditEvent,
  'outcome' | 'actor' | 'source' | 'time'
>;

export interface AuditedActionContext {
  credentials: BackstageCredentials;
  /** The caller as the audit log names it (a user entity ref, or the calling service). */
  actor: string;
  /**
   * Records the `succeeded` event inside the transaction that writes the action's state, so both land
   * or neither does; without this call the event is recorded after `run` returns.
   */
  recordSuccess(
    transaction: Knex.Transaction,
    extra?: Partial<AuditedEvent>,
  ): Promise<void>;
}

export type AuditedActionOptions<T> = {
  /** The HTTP request (the auditor service logs its caller and address). */
  req: Request<any, any, any, any>;
  audit: AuditLog;
  event: AuditedEvent;
  severity?: AuditorServiceEventSeverityLevel;
  /** Throws NotAllowedError when the caller may not do this (recorded as `denied`). */
  authorize(credentials: BackstageCredentials): Promise<unknown>;
  /**
   * Does the action; a throw is recorded as `failed` and passed on, except a NotAllowedError (a refusal
   * only the action can decide, such as a Git write check on what it planned), which is `denied`.
   */
  run(context: AuditedActionContext): Promise<T>;
  /** Fields only known from the result (a commit SHA, a release id, details). */
  describe?(result: T): Partial<AuditedEvent>;
} & (
  | {
      /** Resolves the caller from `req`. */
      httpAuth: HttpAuthService;
    }
  | {
      /** The caller, already resolved from `req`. */
      credentials: BackstageCredentials;
    }
);

export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return principal.subject;
  }
  return principal.type;
}

function merge(event: AuditedEvent, extra?: Partial<AuditedEvent>) {
  return {
    ...event,
    ...extra,
    details: { ...event.details, ...extra?.details },
  };
}

async function committed(transaction: Knex.Transaction): Promise<boolean> {
  if (!transaction.isCompleted()) return false;
  return transaction.executionPromise.then(
    () => true,
    () => false,
  );
}

/**
 * Runs a write request as one audited action: resolves the caller (unauthenticated → 401, nothing
 * recorded), authorizes, runs, and records exactly one audit row for the outcome — `denied` when
 * `authorize` refuses (then `run` is never called, so nothing changes) or `run` refuses with a
 * NotAllowedError, `failed` when `run` throws otherwise, `succeeded` otherwise. Use it for every write route:
 *
 *   router.post('/releases/:id/retry', async (req, res) => {
 *     res.json(await auditedAction({ req, httpAuth, audit,
 *       event: { action: 'release.retry', target: `release:${id}`, releaseId: id },
 *       authorize: c => authorizer.product(c, gitopsReleaseManagePermission, { product }),
 *       run: ({ actor }) => releases.retry(id, actor) }));
 *   });
 */
export async function auditedAction<T>(
  options: AuditedActionOptions<T>,
): Promise<T> {
  const { req, audit, event, severity } = options;
  const credentials =
    'credentials' in options
      ? options.credentials
      : await options.httpAuth.credentials(req);
  const actor = actorOf(credentials);
  const record = (
    outcome: NewAuditEvent['outcome'],
    extra?: Partial<AuditedEvent>,
    transaction?: Knex.Transaction,
    error?: Error,
  ) =>
    audit.record(
      { ...merge(event, extra), actor, outcome, source: 'api' },
      { request: req, severity, transaction, error },
    );

  try {
    await options.authorize(credentials);
  } catch (error) {
    const refused = error instanceof NotAllowedError;
    await record(
      refused ? 'denied' : 'failed',
      { details: { error: (error as Error).message } },
      undefined,
      error as Error,
    );
    throw error;
  }

  let recordedIn: Knex.Transaction | undefined;
  let result: T;
  try {
    result = await options.run({
      credentials,
      actor,
      async recordSuccess(transaction, extra) {
        await record('succeeded', extra, transaction);
        recordedIn = transaction;
      },
    });
  } catch (error) {
    // A success recorded in a transaction that then rolled back was undone with it; one that committed
    // stands (the state changed), so no second row.
    if (recordedIn && (await committed(recordedIn))) throw error;
    await record(
      error instanceof NotAllowedError ? 'denied' : 'failed',
      { details: { error: (error as Error).message } },
      undefined,
      error as Error,
    );
    throw error;
  }
  if (!recordedIn) await record('succeeded', options.describe?.(result));
  return result;
}
