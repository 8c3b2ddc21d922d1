// @ts-check
/**
 * Where the audit log's Git import resumes: ranges of older history it has not read yet (a run stops
 * at its page limit), and commits naming a release that still runs and has not recorded them yet.
 * JSON, per repository and branch.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('gitops_audit_git_cursors', table => {
    table.text('resume').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('gitops_audit_git_cursors', table => {
    table.dropColumn('resume');
  });
};
