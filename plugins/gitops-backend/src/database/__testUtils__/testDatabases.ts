import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMigrations } from '../migrate';

/**
 * The databases every store test runs on: PostgreSQL 15 when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (CI sets it), and SQLite always.
 * Never a database in Docker: without the variable the PostgreSQL runs are skipped (`npm test` says so).
 *
 * Created only under Jest, whose hooks it registers: the benchmarks load this file through
 * `testUtils` without Jest and never use it.
 */
export const testDatabases = (
  typeof afterAll === 'function'
    ? TestDatabases.create({
        ids: ['POSTGRES_15', 'SQLITE_3'],
        disableDocker: true,
      })
    : undefined
) as TestDatabases;

/** A fresh, migrated database of the given kind. */
export async function migratedDatabase(
  id: Parameters<typeof testDatabases.init>[0],
) {
  const knex = await testDatabases.init(id);
  await applyMigrations(knex);
  return knex;
}
