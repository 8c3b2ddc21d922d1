import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrations: Knex.MigratorConfig = {
  directory: resolvePackagePath('@slipway/plugin-gitops-backend', 'migrations'),
  tableName: 'gitops_knex_migrations',
};

/** Brings the plugin's tables up to date; safe to call from every replica at start. */
export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrations);
}

/** Undoes every migration; used by tests that check the `down` steps. */
export async function rollbackMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrations, true);
}
