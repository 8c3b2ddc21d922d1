import type { AuditEvent } from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';

/** An audit event before it is stored: the store assigns id and (unless given) time. */
export type NewAuditEvent = Omit<AuditEvent, 'id' | 'time' | 'details'> & {
  time?: Date;
  details?: Record<string, unknown>;
};

/**
 * Appends audit events. Pass the transaction that writes the state the event describes, so both land
 * or neither does.
 */
export interface AuditRecorder {
  record(
    event: NewAuditEvent,
    options?: { transaction?: Knex.Transaction },
  ): Promise<void>;
}
