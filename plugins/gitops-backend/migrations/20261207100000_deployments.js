// @ts-check

/**
 * Deployment history: one row per application per environment per change of synced revision, made
 * by a Slipway release (`release_id`) or outside it (`release_id = 'outside'`). DORA metrics and
 * "where is my change?" read it.
 *
 * A row is unique per application, revision and sync time, so the engine's events and Argo CD's
 * history can both record a deployment, any number of times, without duplicating it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_deployments', table => {
    table.bigIncrements('id').primary();
    table.string('product', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('runtime', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('version', 255).nullable();
    table.string('revision', 64).notNullable();
    /** JSON: [{ sha, time?, author?, issueKeys? }], the source commits this deployment brought. */
    table.text('source_commits').notNullable();
    table.timestamp('synced_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('healthy_at', { useTz: true, precision: 3 }).nullable();
    /** When it was seen degraded or its step failed. */
    table.timestamp('failed_at', { useTz: true, precision: 3 }).nullable();
    table.string('release_id', 64).notNullable();
    /** The release's kind (manual, flow, rollback); null for deployments made outside Slipway. */
    table.string('release_kind', 32).nullable();
    table.string('outcome', 16).notNullable();
    table.unique(['runtime', 'namespace', 'name', 'revision', 'synced_at'], {
      indexName: 'gitops_deployments_app_revision_uq',
    });
    table.index(
      ['product', 'environment', 'synced_at'],
      'gitops_deployments_product_env_idx',
    );
    table.index(['environment', 'synced_at'], 'gitops_deployments_env_idx');
    table.index(['revision'], 'gitops_deployments_revision_idx');
    table.index(['release_id'], 'gitops_deployments_release_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gitops_deployments');
};
