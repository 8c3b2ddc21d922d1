import type { Knex } from 'knex';
import { isPostgres } from './dialect';

/**
 * The database's current time plus `ms`, as an SQL expression in the form the database stores
 * timestamps (timestamptz on PostgreSQL, epoch milliseconds on SQLite). Claims and leases that
 * replicas compete for are set and compared with this one clock, so replica clock drift cannot
 * expire one early.
 */
export function databaseNow(db: Knex | Knex.Transaction, ms = 0): Knex.Raw {
  if (isPostgres(db)) {
    return db.raw(`clock_timestamp() + (? * interval '1 millisecond')`, [ms]);
  }
  return db.raw(
    `CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER) + ?`,
    [ms],
  );
}
