// @ts-check
/**
 * The audit log is append-only in the database itself: UPDATE, DELETE (and on PostgreSQL TRUNCATE) of
 * gitops_audit_events rows are refused by triggers, whatever code or person sends them.
 *
 * The one exception is retention. A DELETE passes only for rows older than the cutoff held in the
 * one-row table gitops_audit_retention, and that cutoff
 * - must be at least one day in the past by the database's clock (a recent row can never be deleted),
 * - is set and cleared again inside the retention job's own transaction, together with the job's
 *   summary audit row, so no other transaction ever sees it set. On PostgreSQL a deferred constraint
 *   trigger refuses to commit a transaction that leaves it set; SQLite has one writer at a time, so
 *   the window is invisible to everyone else while the job's transaction is open.
 */

const ONE_DAY_MS = 86_400_000;

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return knex.client.config.client === 'pg';
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('gitops_audit_retention', table => {
    table.integer('id').primary().notNullable();
    /** Set only while the retention job deletes, inside its transaction. */
    table.timestamp('cutoff', { useTz: true, precision: 3 }).nullable();
  });
  await knex('gitops_audit_retention').insert({ id: 1, cutoff: null });

  if (isPostgres(knex)) {
    await knex.raw(`
      CREATE FUNCTION gitops_audit_events_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND OLD.time < (
          SELECT cutoff FROM gitops_audit_retention WHERE id = 1
        ) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'gitops_audit_events is append-only: % refused', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER gitops_audit_events_append_only
        BEFORE UPDATE OR DELETE ON gitops_audit_events
        FOR EACH ROW EXECUTE FUNCTION gitops_audit_events_append_only()`);
    await knex.raw(`
      CREATE TRIGGER gitops_audit_events_no_truncate
        BEFORE TRUNCATE ON gitops_audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION gitops_audit_events_append_only()`);
    await knex.raw(`
      CREATE FUNCTION gitops_audit_retention_guard() RETURNS trigger AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.id <> 1 THEN
          RAISE EXCEPTION 'gitops_audit_retention holds one row that is only updated';
        END IF;
        IF NEW.cutoff IS NOT NULL AND NEW.cutoff > now() - interval '1 day' THEN
          RAISE EXCEPTION 'audit retention cutoff % is less than a day old', NEW.cutoff
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER gitops_audit_retention_guard
        BEFORE INSERT OR UPDATE OR DELETE ON gitops_audit_retention
        FOR EACH ROW EXECUTE FUNCTION gitops_audit_retention_guard()`);
    await knex.raw(`
      CREATE FUNCTION gitops_audit_retention_closed() RETURNS trigger AS $$
      BEGIN
        IF (SELECT cutoff FROM gitops_audit_retention WHERE id = 1) IS NOT NULL THEN
          RAISE EXCEPTION 'audit retention cutoff left set at commit'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE CONSTRAINT TRIGGER gitops_audit_retention_closed
        AFTER UPDATE ON gitops_audit_retention
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION gitops_audit_retention_closed()`);
    return;
  }

  // SQLite keeps these timestamps as epoch milliseconds.
  const nowMs = `((julianday('now') - 2440587.5) * ${ONE_DAY_MS})`;
  await knex.raw(`
    CREATE TRIGGER gitops_audit_events_no_update
      BEFORE UPDATE ON gitops_audit_events
    BEGIN
      SELECT RAISE(ABORT, 'gitops_audit_events is append-only: UPDATE refused');
    END`);
  // A NULL comparison (no cutoff set) must refuse too, hence COALESCE.
  await knex.raw(`
    CREATE TRIGGER gitops_audit_events_no_delete
      BEFORE DELETE ON gitops_audit_events
      WHEN COALESCE(
        OLD.time < (SELECT cutoff FROM gitops_audit_retention WHERE id = 1), 0
      ) = 0
    BEGIN
      SELECT RAISE(ABORT, 'gitops_audit_events is append-only: DELETE refused');
    END`);
  await knex.raw(`
    CREATE TRIGGER gitops_audit_retention_recent
      BEFORE UPDATE ON gitops_audit_retention
      WHEN NEW.id <> 1 OR (NEW.cutoff IS NOT NULL AND NEW.cutoff > ${nowMs} - ${ONE_DAY_MS})
    BEGIN
      SELECT RAISE(ABORT, 'audit retention cutoff is less than a day old');
    END`);
  await knex.raw(`
    CREATE TRIGGER gitops_audit_retention_one_row
      BEFORE INSERT ON gitops_audit_retention
    BEGIN
      SELECT RAISE(ABORT, 'gitops_audit_retention holds one row that is only updated');
    END`);
  await knex.raw(`
    CREATE TRIGGER gitops_audit_retention_keep_row
      BEFORE DELETE ON gitops_audit_retention
    BEGIN
      SELECT RAISE(ABORT, 'gitops_audit_retention holds one row that is only updated');
    END`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw(
      'DROP TRIGGER gitops_audit_events_append_only ON gitops_audit_events',
    );
    await knex.raw(
      'DROP TRIGGER gitops_audit_events_no_truncate ON gitops_audit_events',
    );
    await knex.raw('DROP FUNCTION gitops_audit_events_append_only()');
    // Dropping the table drops its triggers.
    await knex.schema.dropTable('gitops_audit_retention');
    await knex.raw('DROP FUNCTION gitops_audit_retention_guard()');
    await knex.raw('DROP FUNCTION gitops_audit_retention_closed()');
    return;
  }
  await knex.raw('DROP TRIGGER gitops_audit_events_no_update');
  await knex.raw('DROP TRIGGER gitops_audit_events_no_delete');
  await knex.schema.dropTable('gitops_audit_retention');
};
