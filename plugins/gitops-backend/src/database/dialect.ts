import type { Knex } from 'knex';

/** True on PostgreSQL; the one other database Slipway runs on is SQLite. */
export const isPostgres = (db: Knex | Knex.Transaction) =>
  db.client.config.client === 'pg';
