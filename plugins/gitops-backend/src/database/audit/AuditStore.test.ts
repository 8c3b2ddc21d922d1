import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  migratedDatabase,
  testDatabases,
} from '../__testUtils__/testDatabases';
import { rollbackMigrations } from '../migrate';
import { NewAuditEvent } from './AuditRecorder';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

const base = Date.parse('2025-03-01T10:00:00.000Z');

function event(
  i: number,
  overrides: Partial<NewAuditEvent> = {},
): NewAuditEvent {
  return {
    time: new Date(base + i * 60_000),
    actor: i % 2 ? 'user:default/dana' : 'user:default/sam',
    action: i % 3 ? 'promotion.create' : 'application.sync',
    target: `product:${i % 4 ? 'payments' : 'search'}`,
    product: i % 4 ? 'payments' : 'search',
    environment: i % 5 ? 'dev' : 'prod',
    outcome: i % 7 ? 'succeeded' : 'denied',
    source: 'api',
    details: { n: i },
    ...overrides,
  };
}

describe.each(testDatabases.eachSupportedId())('AuditStore on %s', id => {
  let knex: Knex;
  let store: AuditStore;

  // The log is append-only (even for tests): each test starts from an empty database.
  beforeEach(async () => {
    knex = await migratedDatabase(id);
    store = new AuditStore(knex);
  });

  it('stores every field and reads it back newest first', async () => {
    await store.record({
      time: new Date('2025-03-01T10:00:00.123Z'),
      actor: 'user:default/dana',
      action: 'release.step.committed',
      target: 'release:r1',
      product: 'payments',
      environment: 'prod',
      runtime: 'prod-eu',
      releaseId: 'r1',
      outcome: 'succeeded',
      commitSha: 'a'.repeat(40),
      repository: 'https://github.com/acme/manifests',
      source: 'engine',
      details: { files: ['apps/pay/values.yaml'], note: 'ünïcode' },
    });
    await store.record(event(99, { time: undefined }));
    const page = await store.query();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[1]).toEqual({
      id: expect.any(String),
      time: '2025-03-01T10:00:00.123Z',
      actor: 'user:default/dana',
      action: 'release.step.committed',
      target: 'release:r1',
      product: 'payments',
      environment: 'prod',
      runtime: 'prod-eu',
      releaseId: 'r1',
      outcome: 'succeeded',
      commitSha: 'a'.repeat(40),
      repository: 'https://github.com/acme/manifests',
      source: 'engine',
      details: { files: ['apps/pay/values.yaml'], note: 'ünïcode' },
    });
    // An event without a time gets the time it was recorded.
    expect(Date.now() - Date.parse(page.items[0].time)).toBeLessThan(60_000);
    expect(page.items[0]).not.toHaveProperty('runtime');
  });

  it('filters by every column and by time range', async () => {
    for (let i = 0; i < 60; i++) await store.record(event(i));
    const all = async (filter: object) =>
      (await store.query({ ...filter, limit: 500 })).items.map(
        e => e.details.n,
      );
    const expected = (pred: (i: number) => boolean) =>
      [...Array(60).keys()].filter(pred).reverse();

    expect(await all({ actor: 'user:default/dana' })).toEqual(
      expected(i => i % 2 === 1),
    );
    expect(await all({ product: 'search' })).toEqual(
      expected(i => i % 4 === 0),
    );
    expect(await all({ product: 'payments', environment: 'prod' })).toEqual(
      expected(i => i % 4 !== 0 && i % 5 === 0),
    );
    expect(await all({ action: 'application.sync' })).toEqual(
      expected(i => i % 3 === 0),
    );
    expect(await all({ outcome: 'denied' })).toEqual(
      expected(i => i % 7 === 0),
    );
    expect(
      await all({
        from: new Date(base + 10 * 60_000).toISOString(),
        to: new Date(base + 20 * 60_000).toISOString(),
      }),
    ).toEqual(expected(i => i >= 10 && i < 20));
    expect(
      await all({
        actor: 'user:default/sam',
        product: 'payments',
        outcome: 'succeeded',
        from: '2025-03-01T10:30:00+00:00',
      }),
    ).toEqual(
      expected(i => i % 2 === 0 && i % 4 !== 0 && i % 7 !== 0 && i >= 30),
    );
    expect(await all({ actor: 'user:default/nobody' })).toEqual([]);
  });

  it('pages newest first with a cursor that stays stable while events are added', async () => {
    // Same timestamps for several rows: the id breaks the tie.
    for (let i = 0; i < 25; i++) {
      await store.record(event(Math.floor(i / 3), { details: { n: i } }));
    }
    const seen: number[] = [];
    let page = await store.query({ limit: 10 });
    seen.push(...page.items.map(e => e.details.n as number));
    // New events arrive between page reads: they are newer, so they never shift older pages.
    await store.record(event(100, { details: { n: 100 } }));
    await store.record(event(5, { details: { n: 101 } }));
    while (page.nextCursor) {
      page = await store.query({ limit: 10, cursor: page.nextCursor });
      seen.push(...page.items.map(e => e.details.n as number));
    }
    expect(seen).toEqual([...Array(25).keys()].reverse());
  });

  it('reads every page of an export', async () => {
    for (let i = 0; i < 23; i++) await store.record(event(i));
    const sizes: number[] = [];
    for await (const items of store.pages({ limit: 10, product: 'payments' })) {
      sizes.push(items.length);
    }
    expect(sizes).toEqual([10, 7]);
  });

  it('rejects bad filters as input errors', async () => {
    const bad = [
      { from: 'yesterday' },
      { to: '2025-13-45T00:00:00Z' },
      { from: '2025-03-02', to: '2025-03-01' },
      { outcome: 'maybe' as any },
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('12:x').toString('base64url') },
      { limit: 0 },
      { limit: 501 },
      { limit: 'ten' as any },
    ];
    for (const filter of bad) {
      await expect(store.query(filter)).rejects.toBeInstanceOf(InputError);
    }
    await expect(store.query({ outcome: 'maybe' as any })).rejects.toThrow(
      /succeeded, denied, failed/,
    );
  });

  it('writes with the state it describes: a rolled back transaction leaves no event', async () => {
    await knex
      .transaction(async trx => {
        await store.record(event(1), { transaction: trx });
        throw new Error('the state change failed');
      })
      .catch(() => undefined);
    expect((await store.query()).items).toEqual([]);
    await knex.transaction(trx => store.record(event(2), { transaction: trx }));
    expect((await store.query()).items).toHaveLength(1);
  });

  it('has a down migration', async () => {
    const other = await migratedDatabase(id);
    await rollbackMigrations(other);
    expect(await other.schema.hasTable('gitops_audit_events')).toBe(false);
    expect(await other.schema.hasTable('gitops_audit_git_cursors')).toBe(false);
  });
});
