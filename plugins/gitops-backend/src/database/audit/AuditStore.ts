import type {
  AuditEvent,
  AuditFilter,
  AuditPage,
} from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';
import { encodeAuditCursor } from './auditCursor';
import { AuditQuery, parseAuditFilter } from './auditQuery';
import { AuditRecorder, NewAuditEvent } from './AuditRecorder';

export const AUDIT_EVENTS_TABLE = 'gitops_audit_events';

/** A row of gitops_audit_events as the database returns it. */
interface AuditRow {
  id: number | string;
  time: Date | number | string;
  actor: string;
  action: string;
  target: string;
  product: string | null;
  environment: string | null;
  runtime: string | null;
  release_id: string | null;
  outcome: string;
  commit_sha: string | null;
  repository: string | null;
  source: string;
  details: string;
}

export function toAuditRow(event: NewAuditEvent): Omit<AuditRow, 'id'> {
  return {
    time: event.time ?? new Date(),
    actor: event.actor,
    action: event.action,
    target: event.target,
    product: event.product ?? null,
    environment: event.environment ?? null,
    runtime: event.runtime ?? null,
    release_id: event.releaseId ?? null,
    outcome: event.outcome,
    commit_sha: event.commitSha ?? null,
    repository: event.repository ?? null,
    source: event.source,
    details: JSON.stringify(event.details ?? {}),
  };
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

function toEvent(row: AuditRow): AuditEvent {
  // SQLite keeps times as epoch milliseconds, PostgreSQL as timestamptz.
  const time = new Date(row.time);
  return {
    id: String(row.id),
    time: time.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    ...(row.product !== null && { product: row.product }),
    ...(row.environment !== null && { environment: row.environment }),
    ...(row.runtime !== null && { runtime: row.runtime }),
    ...(row.release_id !== null && { releaseId: row.release_id }),
    outcome: row.outcome as AuditEvent['outcome'],
    ...(row.commit_sha !== null && { commitSha: row.commit_sha }),
    ...(row.repository !== null && { repository: row.repository }),
    source: row.source as AuditEvent['source'],
    details: parseDetails(row.details),
  };
}

/**
 * The audit log in the plugin database. Append-only: it can record and read, never change or delete
 * (only the retention task removes old rows, see auditRetention.ts).
 */
export class AuditStore implements AuditRecorder {
  constructor(private readonly knex: Knex) {}

  async record(
    event: NewAuditEvent,
    options?: { transaction?: Knex.Transaction },
  ): Promise<void> {
    const db = options?.transaction ?? this.knex;
    await db(AUDIT_EVENTS_TABLE).insert(toAuditRow(event));
  }

  /** One page, newest first. Bad filter values are InputErrors. */
  async query(filter: AuditFilter = {}): Promise<AuditPage> {
    return this.page(parseAuditFilter(filter));
  }

  /**
   * Every page of the filter, in order, each read when the previous one was consumed (an export never
   * holds more than one page in memory). `filter.limit` is the page size.
   */
  async *pages(filter: AuditFilter = {}): AsyncGenerator<AuditEvent[]> {
    const query = parseAuditFilter(filter);
    for (;;) {
      const page = await this.page(query);
      if (page.items.length) yield page.items;
      if (!page.nextCursor) return;
      const last = page.items[page.items.length - 1];
      query.after = { time: new Date(last.time), id: Number(last.id) };
    }
  }

  private async page(query: AuditQuery): Promise<AuditPage> {
    const q = this.knex<AuditRow>(AUDIT_EVENTS_TABLE);
    for (const [column, value] of Object.entries(query.equals)) {
      q.where(column, value);
    }
    if (query.from) q.where('time', '>=', query.from);
    if (query.to) q.where('time', '<', query.to);
    if (query.after) {
      // A row comparison lets both databases continue the (…, time, id) index scan at the cursor.
      q.whereRaw('(??, ??) < (?, ?)', [
        'time',
        'id',
        query.after.time,
        query.after.id,
      ]);
    }
    const rows = await q
      .orderBy([
        { column: 'time', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(toEvent);
    const last =
      rows.length > query.limit ? items[items.length - 1] : undefined;
    return {
      items,
      ...(last && {
        nextCursor: encodeAuditCursor({
          time: new Date(last.time),
          id: Number(last.id),
        }),
      }),
    };
  }
}
