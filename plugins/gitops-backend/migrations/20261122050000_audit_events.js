// @ts-check

/**
 * The audit log: an append-only table of who did what, where, with what outcome.
 *
 * Every filter of `GET /audit` has an index that ends in (time, id), so a filtered page is read newest
 * first straight from the index and a cursor (time, id) continues where the previous page stopped. Only
 * the retention task deletes rows; nothing updates them.
 *
 * Git-sourced rows (commits made outside Slipway) are unique per repository and commit, so the import
 * can be re-run or run by several replicas without importing a commit twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_audit_events', table => {
    table.bigIncrements('id').primary();
    table.timestamp('time', { useTz: true, precision: 3 }).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 128).notNullable();
    table.string('target', 512).notNullable();
    table.string('product', 255).nullable();
    table.string('environment', 255).nullable();
    table.string('runtime', 255).nullable();
    table.string('release_id', 64).nullable();
    table.string('outcome', 16).notNullable();
    table.string('commit_sha', 64).nullable();
    table.string('repository', 512).nullable();
    table.string('source', 16).notNullable();
    table.text('details').notNullable();
    table.index(['time', 'id'], 'gitops_audit_events_time_idx');
    table.index(['actor', 'time', 'id'], 'gitops_audit_events_actor_idx');
    table.index(['product', 'time', 'id'], 'gitops_audit_events_product_idx');
    table.index(
      ['product', 'environment', 'time', 'id'],
      'gitops_audit_events_product_env_idx',
    );
    table.index(
      ['environment', 'time', 'id'],
      'gitops_audit_events_environment_idx',
    );
    table.index(['action', 'time', 'id'], 'gitops_audit_events_action_idx');
    table.index(['outcome', 'time', 'id'], 'gitops_audit_events_outcome_idx');
    table.index(['commit_sha'], 'gitops_audit_events_commit_idx');
  });
  // A partial unique index (PostgreSQL and SQLite both support WHERE on indexes).
  await knex.raw(
    `CREATE UNIQUE INDEX gitops_audit_events_git_commit_uq
       ON gitops_audit_events (repository, commit_sha) WHERE source = 'git'`,
  );

  // How far the Git history import got, per repository and branch.
  await knex.schema.createTable('gitops_audit_git_cursors', table => {
    table.string('repository', 512).notNullable();
    table.string('branch', 255).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['repository', 'branch']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gitops_audit_git_cursors');
  await knex.schema.dropTable('gitops_audit_events');
};
