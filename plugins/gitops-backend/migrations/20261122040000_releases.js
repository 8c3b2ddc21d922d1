// @ts-check

/**
 * Releases: one promotion of a product version through one or more environments.
 *
 * The steps (per environment, with their gates and per-application promotions) live in one JSON
 * column next to the release, so a transition is a single-row conditional UPDATE guarded by
 * `row_version`: the engine and the API never overwrite each other's changes. The claim columns let
 * several backend replicas share the work without running a step twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_releases', table => {
    table.string('id', 64).primary().notNullable();
    table.string('product', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('flow', 255).nullable();
    table.string('version', 255).notNullable();
    table.string('source_environment', 255).notNullable();
    table.string('source_revision', 255).nullable();
    table.string('initiator', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').nullable();
    table.string('action', 32).nullable();
    /** Comma-wrapped target environments (`,dev,prod,`), for the environment filter. */
    table.text('environments').notNullable();
    table.text('steps').notNullable();
    table.text('notes').nullable();
    /** Inputs the engine fixed at creation: source application files' revisions, request options. */
    table.text('plan').notNullable();
    table.string('superseded_by', 64).nullable();
    table.text('error').nullable();
    table.integer('row_version').notNullable().defaultTo(0);
    table.string('claimed_by', 255).nullable();
    table.timestamp('claim_expires_at', { useTz: true }).nullable();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.integer('attempt').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['product', 'created_at'], 'gitops_releases_product_idx');
    table.index(['status', 'next_run_at'], 'gitops_releases_due_idx');
    table.index(['created_at'], 'gitops_releases_created_idx');
    table.index(['product', 'version'], 'gitops_releases_version_idx');
  });

  // One row per automatic trigger: a primary key makes "start this version once" hold across replicas.
  await knex.schema.createTable('gitops_release_triggers', table => {
    table.string('product', 255).notNullable();
    table.string('flow', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('release_id', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['product', 'flow', 'version']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gitops_release_triggers');
  await knex.schema.dropTable('gitops_releases');
};
