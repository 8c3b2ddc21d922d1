import { applyMigrations } from '@slipway/plugin-gitops-backend/testUtils';
import knexFactory, { Knex } from 'knex';

/**
 * A new, migrated PostgreSQL database for one benchmark run; `drop` removes it again.
 * `server` is a connection string without a database name.
 */
export async function freshBenchDatabase(server: string, name: string) {
  const admin = knexFactory({ client: 'pg', connection: `${server}/postgres` });
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: `${server}/${name}`,
    pool: { min: 1, max: 10 },
  });
  await applyMigrations(knex);
  return {
    knex,
    async drop() {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}
