import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_TABLE = 'gitops_knex_migrations';

const migrations: Knex.MigratorConfig = {
  directory: resolvePackagePath('@slipway/plugin-gitops-backend', 'migrations'),
  tableName: MIGRATIONS_TABLE,
};

/**
 * Migration files renamed after databases ran them, old name → new name. Knex records each migration
 * by file name, and refuses to run when a recorded file is missing, so the records are renamed first.
 */
const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  // Shared its timestamp with 20261122050000_audit_events.js; it ran after it, and still does.
  '20261122050000_branch_leases_releases.js':
    '20261122060000_branch_leases_releases.js',
};

async function renameRecordedMigrations(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(MIGRATIONS_TABLE))) return;
  for (const [from, to] of Object.entries(RENAMED_MIGRATIONS)) {
    await knex(MIGRATIONS_TABLE).where({ name: from }).update({ name: to });
  }
}

/** Brings the plugin's tables up to date; safe to call from every replica at start. */
export async function applyMigrations(knex: Knex): Promise<void> {
  await renameRecordedMigrations(knex);
  await knex.migrate.latest(migrations);
}

/** Undoes every migration; used by tests that check the `down` steps. */
export async function rollbackMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrations, true);
}
