import { Knex } from 'knex';
import { rollbackMigrations } from '../migrate';
import {
  migratedDatabase,
  testDatabases,
} from '../__testUtils__/testDatabases';
import { releaseRecord } from '../__testUtils__/releaseRecords';
import { BranchLeases } from './BranchLeases';
import { DatabaseReleaseStore } from './ReleaseStore';
import type { ReleaseStore } from './ReleaseStoreContract';
import { ReleaseRecord } from '../../domain/releases/releaseRecord';

jest.setTimeout(60_000);

/** The release under test: its source revision lets `sourceRevisionOf` find it. */
const record = (id: string, overrides: Partial<ReleaseRecord> = {}) =>
  releaseRecord(id, { sourceRevision: 'a'.repeat(40), ...overrides });

describe.each(testDatabases.eachSupportedId())('ReleaseStore on %s', id => {
  let knex: Knex;
  let store: ReleaseStore;

  beforeAll(async () => {
    knex = await migratedDatabase(id);
    store = new DatabaseReleaseStore(knex);
  });

  it('stores a release and reads it back with its steps', async () => {
    await store.create(record('r1', { message: 'Ship it' }));
    const read = await store.get('r1');
    expect(read).toMatchObject({
      id: 'r1',
      product: 'shop',
      status: 'queued',
      message: 'Ship it',
      environments: [{ environment: 'prod', status: 'pending' }],
      rowVersion: 0,
    });
    expect(await store.get('missing')).toBeUndefined();
  });

  it('refuses a write based on a stale read', async () => {
    await store.create(record('r2'));
    const a = (await store.get('r2'))!;
    const b = (await store.get('r2'))!;
    a.status = 'running';
    expect(await store.update(a)).toBe(true);
    b.status = 'terminated';
    expect(await store.update(b)).toBe(false);
    expect((await store.get('r2'))!.status).toBe('running');
  });

  it('lets exactly one of two owners claim a release, and a claim expire', async () => {
    await store.create(record('r3'));
    const results = await Promise.all([
      store.claim('r3', 'replica-a', 60_000),
      store.claim('r3', 'replica-b', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.due(new Date(), 100)).not.toContain('r3');
    // A short claim that is not renewed expires (by the database's clock) and another replica takes over.
    expect(await store.claim('r3', 'replica-c', 60_000)).toBe(false);
    const holder = results[0] ? 'replica-a' : 'replica-b';
    expect(await store.claim('r3', holder, 200)).toBe(true);
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(await store.claim('r3', 'replica-c', 60_000)).toBe(true);
    expect(await store.due(new Date(), 100)).not.toContain('r3');
    await store.releaseClaim('r3', 'replica-c');
    expect(await store.due(new Date(), 100)).toContain('r3');
  });

  it('lists newest first with filters and a cursor', async () => {
    const base = Date.now() + 10_000;
    for (let i = 0; i < 5; i++) {
      const at = new Date(base + i * 1000).toISOString();
      await store.create(
        record(`list-${i}`, {
          product: 'cart',
          createdAt: at,
          updatedAt: at,
          status: i % 2 ? 'succeeded' : 'failed',
        }),
      );
    }
    const first = await store.list({ product: 'cart', limit: 2 });
    expect(first.items.map(r => r.id)).toEqual(['list-4', 'list-3']);
    const second = await store.list({
      product: 'cart',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(r => r.id)).toEqual(['list-2', 'list-1']);
    expect(
      (await store.list({ product: 'cart', status: 'succeeded' })).items.map(
        r => r.id,
      ),
    ).toEqual(['list-3', 'list-1']);
    expect(
      (await store.list({ product: 'cart', environment: 'prod' })).items,
    ).toHaveLength(5);
    expect(
      (await store.list({ product: 'cart', environment: 'pro' })).items,
    ).toHaveLength(0);
    await expect(store.list({ cursor: 'nonsense' })).rejects.toThrow(
      /Invalid cursor/,
    );
  });

  it('records an automatic trigger once', async () => {
    const entry = { product: 'shop', flow: 'main', version: '2.0.0' };
    const first = await store.transaction(trx =>
      store.recordTrigger({ ...entry, releaseId: 'x1' }, trx),
    );
    const second = await store.transaction(trx =>
      store.recordTrigger({ ...entry, releaseId: 'x2' }, trx),
    );
    expect([first, second]).toEqual([true, false]);
  });

  it('finds the source revision a version was promoted from', async () => {
    await store.create(
      record('old', {
        product: 'rb',
        version: '0.9.0',
        sourceRevision: 'b'.repeat(40),
      }),
    );
    expect((await store.sourceRevisionOf('rb', '0.9.0'))?.sourceRevision).toBe(
      'b'.repeat(40),
    );
    expect(await store.sourceRevisionOf('rb', '0.1.0')).toBeUndefined();
  });

  it('migrates down cleanly', async () => {
    const fresh = await migratedDatabase(id);
    await rollbackMigrations(fresh);
    expect(await fresh.schema.hasTable('gitops_releases')).toBe(false);
  });
});

describe.each(testDatabases.eachSupportedId())('BranchLeases on %s', id => {
  it('lets one replica at a time write a branch, shares it within a replica, and expires', async () => {
    const knex = await migratedDatabase(id);
    const key = BranchLeases.keyOf('file:///repo.git', 'main');
    const a = new BranchLeases(knex, 'replica-a', 200);
    const b = new BranchLeases(knex, 'replica-b', 200);
    expect(await a.acquire(key)).toBe(true);
    expect(await a.acquire(key)).toBe(true);
    expect(await b.acquire(key)).toBe(false);
    await a.release(key);
    // Still one write of replica a in flight.
    expect(await b.acquire(key)).toBe(false);
    await a.release(key);
    expect(await b.acquire(key)).toBe(true);
    // A replica that died: its lease expires.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(await a.acquire(key)).toBe(true);
  });
});
