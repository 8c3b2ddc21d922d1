import type { Knex } from 'knex';
import { AUDIT_EVENTS_TABLE } from './AuditStore';

/**
 * The only way audit rows are ever removed: events older than the configured retention. Deletes in
 * batches so a first run over millions of rows does not hold one long transaction.
 */
export async function deleteAuditEventsBefore(
  knex: Knex,
  cutoff: Date,
  batchSize = 10_000,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await knex(AUDIT_EVENTS_TABLE)
      .whereIn(
        'id',
        knex(AUDIT_EVENTS_TABLE)
          .where('time', '<', cutoff)
          .select('id')
          .limit(batchSize),
      )
      .delete();
    deleted += count;
    if (count < batchSize) return deleted;
  }
}
