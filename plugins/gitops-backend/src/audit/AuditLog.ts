import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';
import type { Knex } from 'knex';
import {
  AuditRecorder,
  NewAuditEvent,
} from '../database/audit/AuditRecorder';

export interface AuditLogRecordOptions {
  /** Write the event in this transaction; it is sent to the auditor service once the transaction commits. */
  transaction?: Knex.Transaction;
  /** The HTTP request that caused the event (the auditor service logs its caller and address). */
  request?: Request<any, any, any, any>;
  severity?: AuditorServiceEventSeverityLevel;
  /** The error behind a `failed` or `denied` outcome. */
  error?: Error;
}

/** `promotion.create` → `promotion-create` (the auditor service wants kebab-case event ids). */
function eventIdOf(action: string): string {
  return action.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

function defaultSeverity(
  event: NewAuditEvent,
): AuditorServiceEventSeverityLevel {
  if (event.outcome === 'denied') return 'medium';
  return event.environment && /prod/i.test(event.environment) ? 'high' : 'low';
}

/**
 * The audit log as the rest of the backend writes to it: each event is stored in the plugin database
 * (in the caller's transaction when given) and, for API and engine events, also emitted through
 * Backstage's auditor service so it reaches the portal's central audit stream.
 */
export class AuditLog implements AuditRecorder {
  constructor(
    private readonly store: AuditRecorder,
    private readonly auditor: AuditorService,
    /** Told of each stored event once it is committed (live updates of open audit pages). */
    private readonly onRecorded: () => void = () => {},
  ) {}

  async record(
    event: NewAuditEvent,
    options: AuditLogRecordOptions = {},
  ): Promise<void> {
    await this.store.record(event, { transaction: options.transaction });
    if (event.source === 'git') {
      this.onRecorded();
      return;
    }
    const emit = async () => {
      this.onRecorded();
      await this.emit(event, options);
    };
    if (options.transaction && !options.transaction.isCompleted()) {
      // Only what was committed is reported; a rolled back change was never done.
      // (An auditor service failure must not become an unhandled rejection.)
      options.transaction.executionPromise.then(emit).catch(() => undefined);
    } else {
      await emit();
    }
  }

  private async emit(event: NewAuditEvent, options: AuditLogRecordOptions) {
    const meta = JSON.parse(
      JSON.stringify({
        ...event.details,
        actor: event.actor,
        target: event.target,
        product: event.product,
        environment: event.environment,
        runtime: event.runtime,
        releaseId: event.releaseId,
        commitSha: event.commitSha,
        repository: event.repository,
        source: event.source,
        outcome: event.outcome,
      }),
    ) as JsonObject;
    const auditorEvent = await this.auditor.createEvent({
      eventId: eventIdOf(event.action),
      severityLevel: options.severity ?? defaultSeverity(event),
      request: options.request,
      meta,
    });
    if (event.outcome === 'succeeded') {
      await auditorEvent.success();
    } else {
      await auditorEvent.fail({
        error: options.error ?? new Error(`${event.action} ${event.outcome}`),
      });
    }
  }
}
