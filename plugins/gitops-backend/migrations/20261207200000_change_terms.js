// @ts-check

/**
 * "Where is my change?" looks deployments and releases up by index instead of reading every row's
 * JSON: one row per lower-case term a deployment (revision, version, source commits' SHAs, authors,
 * issue keys) or a release's notes (commit SHAs, authors, issue keys, new image tags) can be found by.
 * Existing rows get their terms here; the stores write them from then on.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_deployment_terms', table => {
    table.string('term', 255).notNullable();
    table.bigInteger('deployment_id').notNullable();
    table.primary(['term', 'deployment_id']);
  });
  await knex.schema.createTable('gitops_release_terms', table => {
    table.string('term', 255).notNullable();
    table.string('release_id', 64).notNullable();
    table.primary(['term', 'release_id']);
  });

  /** @param {Array<string | undefined | null>} values */
  const terms = values => [
    ...new Set(
      values.flatMap(v => (v && v.length <= 255 ? [v.toLowerCase()] : [])),
    ),
  ];
  const BATCH = 1000;

  for (let after = 0; ; ) {
    const rows = await knex('gitops_deployments')
      .select('id', 'revision', 'version', 'source_commits')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (rows.length === 0) break;
    const insert = rows.flatMap(row =>
      terms([
        row.revision,
        row.version,
        ...JSON.parse(row.source_commits).flatMap((/** @type {any} */ c) => [
          c.sha,
          c.author,
          ...(c.issueKeys ?? []),
        ]),
      ]).map(term => ({ term, deployment_id: row.id })),
    );
    for (let i = 0; i < insert.length; i += BATCH) {
      await knex('gitops_deployment_terms').insert(insert.slice(i, i + BATCH));
    }
    after = Number(rows[rows.length - 1].id);
  }

  for (let after = ''; ; ) {
    const rows = await knex('gitops_releases')
      .select('id', 'notes')
      .whereNotNull('notes')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (rows.length === 0) break;
    const insert = rows.flatMap(row => {
      const notes = JSON.parse(row.notes);
      return terms([
        ...notes.commits.flatMap((/** @type {any} */ c) => [
          c.sha,
          c.author,
          ...(c.issueKeys ?? []),
        ]),
        ...notes.authors,
        ...notes.issueKeys,
        ...notes.images.flatMap((/** @type {any} */ image) =>
          image.to ? [image.to, `${image.name}:${image.to}`] : [],
        ),
      ]).map(term => ({ term, release_id: row.id }));
    });
    for (let i = 0; i < insert.length; i += BATCH) {
      await knex('gitops_release_terms').insert(insert.slice(i, i + BATCH));
    }
    after = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('gitops_release_terms');
  await knex.schema.dropTable('gitops_deployment_terms');
};
