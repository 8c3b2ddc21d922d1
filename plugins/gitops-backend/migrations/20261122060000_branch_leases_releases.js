// @ts-check

/**
 * Branch leases: the promotion engine replica that is committing to a branch holds its lease, so
 * replicas take turns on a branch instead of racing each other's compare-and-swap (which stays the
 * guarantee: a lease only avoids wasted attempts and backoff).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_branch_leases', table => {
    /** sha256 of repository URL and branch. */
    table.string('branch_key', 64).primary().notNullable();
    table.string('holder', 255).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gitops_branch_leases');
};
