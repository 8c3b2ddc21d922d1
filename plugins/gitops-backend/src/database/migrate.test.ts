import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdirSync } from 'node:fs';
import { testDatabases } from './__testUtils__/testDatabases';
import { applyMigrations } from './migrate';

jest.setTimeout(60_000);

const OLD_NAME = '20261122050000_branch_leases_releases.js';
const NEW_NAME = '20261122060000_branch_leases_releases.js';

/** Every migration file the package ships, in the order knex runs them. */
const MIGRATION_FILES = readdirSync(
  resolvePackagePath('@slipway/plugin-gitops-backend', 'migrations'),
)
  .filter(name => name.endsWith('.js'))
  .sort();

describe('plugin migrations', () => {
  it.each(testDatabases.eachSupportedId())(
    'upgrade a database that ran the branch-lease migration under its old name, keeping its data (%p)',
    async databaseId => {
      const knex = await testDatabases.init(databaseId);
      await applyMigrations(knex);
      // What a database migrated before the rename holds: the old file name, the tables and rows.
      await knex('gitops_knex_migrations')
        .where({ name: NEW_NAME })
        .update({ name: OLD_NAME });
      await knex('gitops_branch_leases').insert({
        branch_key: 'a'.repeat(64),
        holder: 'replica-1',
        expires_at: new Date('2030-01-01T00:00:00Z'),
      });

      await applyMigrations(knex);
      await applyMigrations(knex); // every replica runs it at start

      const names = (
        await knex('gitops_knex_migrations').select('name').orderBy('id')
      ).map(row => row.name);
      expect(names).toEqual(MIGRATION_FILES);
      expect(await knex('gitops_branch_leases').select('holder')).toEqual([
        { holder: 'replica-1' },
      ]);
    },
  );

  it.each(testDatabases.eachSupportedId())(
    'give a new database every migration in timestamp order (%p)',
    async databaseId => {
      const knex = await testDatabases.init(databaseId);
      await applyMigrations(knex);
      const names = (
        await knex('gitops_knex_migrations').select('name').orderBy('id')
      ).map(row => row.name);
      expect(names).toEqual(MIGRATION_FILES);
      expect(names).toContain(NEW_NAME);
      expect(names).not.toContain(OLD_NAME);
      expect(new Set(names.map(name => name.slice(0, 14))).size).toBe(
        names.length,
      );
    },
  );
});
