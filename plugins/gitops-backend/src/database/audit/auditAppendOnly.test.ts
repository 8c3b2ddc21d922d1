import { Knex } from 'knex';
import {
  migratedDatabase,
  testDatabases,
} from '../__testUtils__/testDatabases';
import { rollbackMigrations } from '../migrate';
import { applyAuditRetention } from './auditRetention';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;

/**
 * The message a refused database call rejects with. Not `rejects.toThrow`: better-sqlite3's native
 * addon keeps the error class of the first test file that loaded it in a Jest worker, so in a later
 * file its errors are not instances of that file's `Error`, and `toThrow` reports "did not throw".
 */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  return 'no refusal: the database accepted it';
}

describe.each(testDatabases.eachSupportedId())(
  'the audit log is append-only in the database on %s',
  id => {
    let knex: Knex;
    let store: AuditStore;

    /** 25 events, one a day back from now: ages 0 (today) to 24 days. */
    const recordDays = async () => {
      for (let age = 0; age < 25; age++) {
        await store.record({
          time: new Date(Date.now() - age * DAY),
          actor: 'user:default/dana',
          action: 'application.sync',
          target: 'application:x',
          outcome: 'succeeded',
          source: 'api',
          details: { age },
        });
      }
    };
    const ages = async () =>
      (await store.query({ limit: 500, action: 'application.sync' })).items.map(
        e => e.details.age,
      );

    beforeEach(async () => {
      knex = await migratedDatabase(id);
      store = new AuditStore(knex);
      await recordDays();
    });

    it('refuses UPDATE and DELETE of any row, however old', async () => {
      expect(
        await refusal(
          knex('gitops_audit_events').update({ outcome: 'denied' }),
        ),
      ).toMatch(/append-only/);
      expect(
        await refusal(
          knex('gitops_audit_events')
            .where('time', '<', new Date(Date.now() - 20 * DAY))
            .update({ actor: 'user:default/mallory' }),
        ),
      ).toMatch(/append-only/);
      expect(
        await refusal(
          knex('gitops_audit_events')
            .where('time', '<', new Date(Date.now() - 20 * DAY))
            .delete(),
        ),
      ).toMatch(/append-only/);
      expect(await refusal(knex('gitops_audit_events').delete())).toMatch(
        /append-only/,
      );
      expect(await ages()).toEqual([...Array(25).keys()]);
      const rows = await knex('gitops_audit_events').select('actor', 'outcome');
      expect(new Set(rows.map(r => `${r.actor} ${r.outcome}`))).toEqual(
        new Set(['user:default/dana succeeded']),
      );
    });

    it('lets retention delete only rows older than the period, and audits the run with one row', async () => {
      const deleted = await applyAuditRetention(knex, 10.5, 4);
      expect(deleted).toBe(14);
      expect(await ages()).toEqual([...Array(11).keys()]);
      const summary = await store.query({ action: 'audit.retention' });
      expect(summary.items).toEqual([
        expect.objectContaining({
          actor: 'engine',
          target: 'audit-log',
          outcome: 'succeeded',
          source: 'engine',
          details: {
            deleted: 14,
            retentionDays: 10.5,
            before: expect.any(String),
          },
        }),
      ]);
      const before = Date.parse(summary.items[0].details.before as string);
      expect(Math.abs(before - (Date.now() - 10.5 * DAY))).toBeLessThan(
        60 * 60_000,
      );

      // The window closed with the run: ordinary deletes are refused again, even of old rows.
      expect(
        await refusal(
          knex('gitops_audit_events')
            .where('time', '<', new Date(Date.now() - 5 * DAY))
            .delete(),
        ),
      ).toMatch(/append-only/);
      // A run with nothing to delete records nothing.
      expect(await applyAuditRetention(knex, 10.5)).toBe(0);
      expect(
        (await store.query({ action: 'audit.retention' })).items,
      ).toHaveLength(1);
    });

    it('refuses a retention window that would reach rows less than a day old', async () => {
      await expect(applyAuditRetention(knex, 0.5)).rejects.toThrow(
        /at least 1 day/,
      );
      expect(
        await refusal(
          knex('gitops_audit_retention')
            .where({ id: 1 })
            .update({ cutoff: new Date(Date.now() - 2 * 3_600_000) }),
        ),
      ).toMatch(/less than a day old/);
      expect(
        await refusal(
          knex('gitops_audit_retention').insert({ id: 2, cutoff: null }),
        ),
      ).toMatch(/one row/);
      expect(await refusal(knex('gitops_audit_retention').delete())).toMatch(
        /one row/,
      );
      expect(await ages()).toEqual([...Array(25).keys()]);
    });

    it('keeps the window inside one transaction: a failed retention run deletes nothing', async () => {
      expect(
        await refusal(
          knex.transaction(async trx => {
            await trx('gitops_audit_retention')
              .where({ id: 1 })
              .update({ cutoff: new Date(Date.now() - 3 * DAY) });
            await trx('gitops_audit_events')
              .where('time', '<', new Date(Date.now() - 3 * DAY))
              .delete();
            throw new Error('the run stopped half way');
          }),
        ),
      ).toMatch('half way');
      expect(await ages()).toEqual([...Array(25).keys()]);
      const [{ cutoff }] = await knex('gitops_audit_retention').select(
        'cutoff',
      );
      expect(cutoff).toBeNull();
    });

    if (id === 'POSTGRES_15') {
      it('refuses TRUNCATE', async () => {
        expect(await refusal(knex.raw('TRUNCATE gitops_audit_events'))).toMatch(
          /append-only/,
        );
        expect(await ages()).toEqual([...Array(25).keys()]);
      });

      it('refuses to commit a transaction that leaves the window open', async () => {
        expect(
          await refusal(
            knex.transaction(async trx => {
              await trx('gitops_audit_retention')
                .where({ id: 1 })
                .update({ cutoff: new Date(Date.now() - 3 * DAY) });
              await trx('gitops_audit_events')
                .where('time', '<', new Date(Date.now() - 3 * DAY))
                .delete();
            }),
          ),
        ).toMatch(/left set at commit/);
        expect(await ages()).toEqual([...Array(25).keys()]);
      });
    }

    it('has a down migration that removes the guards', async () => {
      const other = await migratedDatabase(id);
      await rollbackMigrations(other);
      expect(await other.schema.hasTable('gitops_audit_retention')).toBe(false);
      expect(await other.schema.hasTable('gitops_audit_events')).toBe(false);
    });
  },
);
