import type { Knex } from 'knex';
import { isPostgres } from '../dialect';
import { AUDIT_EVENTS_TABLE, toAuditRow } from './AuditStore';

const RETENTION_TABLE = 'gitops_audit_retention';
const DAY_MS = 86_400_000;

/** The shortest retention the database accepts (its triggers refuse a cutoff less than a day old). */
export const MIN_AUDIT_RETENTION_DAYS = 1;

/** The database's "now minus so many days", in the form each database stores timestamps. */
function cutoffSql(knex: Knex, days: number): Knex.Raw {
  if (isPostgres(knex)) {
    return knex.raw(`now() - (? * interval '1 day')`, [days]);
  }
  // SQLite keeps timestamps as epoch milliseconds.
  return knex.raw(`(julianday('now') - 2440587.5 - ?) * ${DAY_MS}`, [days]);
}

/**
 * The only way audit rows are ever removed: events older than the retention period, by the
 * database's clock. In one transaction it opens the deletion window the database's triggers check
 * (gitops_audit_retention.cutoff), deletes in batches, closes the window and records one summary
 * event, so the deletion and its audit row land together or not at all. Answers how many were deleted.
 */
export async function applyAuditRetention(
  knex: Knex,
  retentionDays: number,
  batchSize = 10_000,
): Promise<number> {
  if (!(retentionDays >= MIN_AUDIT_RETENTION_DAYS)) {
    throw new Error(
      `Audit retention must be at least ${MIN_AUDIT_RETENTION_DAYS} day, got ${retentionDays}`,
    );
  }
  return knex.transaction(async trx => {
    await trx(RETENTION_TABLE)
      .where({ id: 1 })
      .update({ cutoff: cutoffSql(trx, retentionDays) });
    const { cutoff } = await trx(RETENTION_TABLE).where({ id: 1 }).first();
    let deleted = 0;
    for (;;) {
      const count = await trx(AUDIT_EVENTS_TABLE)
        .whereIn(
          'id',
          trx(AUDIT_EVENTS_TABLE)
            .where('time', '<', cutoff)
            .select('id')
            .limit(batchSize),
        )
        .delete();
      deleted += count;
      if (count < batchSize) break;
    }
    await trx(RETENTION_TABLE).where({ id: 1 }).update({ cutoff: null });
    if (deleted > 0) {
      await trx(AUDIT_EVENTS_TABLE).insert(
        toAuditRow({
          actor: 'engine',
          action: 'audit.retention',
          target: 'audit-log',
          outcome: 'succeeded',
          source: 'engine',
          details: {
            deleted,
            before: new Date(cutoff).toISOString(),
            retentionDays,
          },
        }),
      );
    }
    return deleted;
  });
}
