import { Knex } from 'knex';
import type { Deployment } from '../../domain/insights/deployments';
import {
  migratedDatabase,
  testDatabases,
} from '../__testUtils__/testDatabases';
import { unitsOf } from '../../domain/insights/dora';
import { rollbackMigrations } from '../migrate';
import { KnexDeploymentStore } from './DeploymentStore';

jest.setTimeout(60_000);

const api = { runtime: 'prod-eu', namespace: 'pay', name: 'pay-api' };

function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    product: 'payments',
    environment: 'production',
    application: api,
    version: '1.4.0',
    revision: 'a'.repeat(40),
    sourceCommits: [
      {
        sha: 'c'.repeat(40),
        time: '2026-03-01T08:00:00.000Z',
        author: 'Dana',
        issueKeys: ['PAY-123'],
      },
    ],
    syncedAt: '2026-03-01T10:00:00.000Z',
    healthyAt: '2026-03-01T10:00:00.000Z',
    releaseId: 'r1',
    releaseKind: 'flow',
    outcome: 'healthy',
    ...overrides,
  };
}

describe.each(testDatabases.eachSupportedId())(
  'deployment history on %s',
  id => {
    let knex: Knex;
    let store: KnexDeploymentStore;

    beforeEach(async () => {
      knex = await migratedDatabase(id);
      store = new KnexDeploymentStore(knex);
    });

    it('stores every field and reads it back', async () => {
      const outside = deployment({
        application: { ...api, name: 'pay-worker' },
        version: undefined,
        releaseId: 'outside',
        releaseKind: undefined,
        healthyAt: undefined,
        failedAt: '2026-03-02T10:00:00.000Z',
        syncedAt: '2026-03-02T09:59:59.123Z',
        outcome: 'degraded',
      });
      expect(await store.record(deployment())).toBe(true);
      expect(await store.record(outside)).toBe(true);
      expect(await store.list({})).toEqual([deployment(), outside]);
    });

    it('never records the same application, revision and sync time twice', async () => {
      expect(await store.record(deployment())).toBe(true);
      expect(await store.record(deployment())).toBe(false);
      // The same revision synced again later (a rollback to it) is a new deployment.
      expect(
        await store.record(
          deployment({ syncedAt: '2026-03-05T10:00:00.000Z' }),
        ),
      ).toBe(true);
      expect(await store.list({})).toHaveLength(2);
    });

    it('adds the health of a deployment it first saw syncing', async () => {
      await store.record(
        deployment({ healthyAt: undefined, outcome: 'syncing' }),
      );
      await store.record(deployment());
      expect(await store.list({})).toEqual([deployment()]);
    });

    it('keeps when a deployment was degraded once it is seen healthy again', async () => {
      const degraded = deployment({
        healthyAt: undefined,
        failedAt: '2026-03-01T10:05:00.000Z',
        outcome: 'degraded',
      });
      await store.record(degraded);
      await store.record(deployment({ healthyAt: '2026-03-01T10:30:00.000Z' }));
      expect(await store.list({})).toEqual([
        {
          ...degraded,
          healthyAt: '2026-03-01T10:30:00.000Z',
          outcome: 'healthy',
        },
      ]);
    });

    it('keeps one row when Argo CD history and a release report the same deployment, in either order', async () => {
      const fromArgo = deployment({
        version: undefined,
        releaseId: 'outside',
        releaseKind: undefined,
        sourceCommits: [{ sha: 'a'.repeat(40) }],
        syncedAt: '2026-03-01T09:58:30.000Z',
        healthyAt: '2026-03-01T09:58:30.000Z',
      });
      expect(await store.record(fromArgo)).toBe(true);
      expect(await store.record(deployment())).toBe(false);
      expect(await store.list({})).toEqual([
        {
          ...deployment(),
          syncedAt: fromArgo.syncedAt,
          healthyAt: fromArgo.healthyAt,
        },
      ]);
      // Read again (a restart's backfill): still one row, still the release's.
      expect(await store.record(fromArgo)).toBe(false);
      expect((await store.list({})).map(d => d.releaseId)).toEqual(['r1']);
    });

    it('keeps two rows for the same revision deployed again later', async () => {
      await store.record(deployment());
      await store.record(
        deployment({
          syncedAt: '2026-03-01T11:00:00.000Z',
          healthyAt: '2026-03-01T11:00:00.000Z',
          releaseId: 'outside',
          releaseKind: undefined,
        }),
      );
      expect((await store.list({})).map(d => d.releaseId)).toEqual([
        'r1',
        'outside',
      ]);
    });

    it('marks the deployment a rollback replaced as rolled back, and one replaced while syncing as superseded', async () => {
      await store.record(deployment());
      await store.record(
        deployment({
          revision: 'b'.repeat(40),
          syncedAt: '2026-03-02T10:00:00.000Z',
          releaseId: 'r2',
        }),
      );
      await store.record(
        deployment({
          revision: 'a'.repeat(40),
          syncedAt: '2026-03-02T11:00:00.000Z',
          releaseId: 'r3',
          releaseKind: 'rollback',
        }),
      );
      await store.record(
        deployment({
          revision: 'd'.repeat(40),
          syncedAt: '2026-03-03T10:00:00.000Z',
          releaseId: 'outside',
          releaseKind: undefined,
          healthyAt: undefined,
          outcome: 'syncing',
        }),
      );
      await store.record(
        deployment({
          revision: 'e'.repeat(40),
          syncedAt: '2026-03-03T10:05:00.000Z',
          releaseId: 'r4',
        }),
      );
      expect((await store.list({})).map(d => [d.releaseId, d.outcome])).toEqual(
        [
          ['r1', 'healthy'],
          ['r2', 'rolled-back'],
          ['r3', 'healthy'],
          ['outside', 'superseded'],
          ['r4', 'healthy'],
        ],
      );
      // The rolled-back version failed from the moment it went live.
      expect(
        (await store.list({})).find(d => d.releaseId === 'r2')?.failedAt,
      ).toBe('2026-03-02T10:00:00.000Z');
    });

    it('groups deployments into units as the DORA computation does, with source commits only for healthy changes', async () => {
      const worker = { ...api, name: 'pay-worker' };
      const history = [
        // One release over two applications: one unit, healthy when both are.
        deployment(),
        deployment({
          application: worker,
          healthyAt: '2026-03-01T10:04:00.000Z',
        }),
        // A release whose worker degraded: failed, no lead time.
        deployment({
          revision: 'b'.repeat(40),
          syncedAt: '2026-03-02T10:00:00.000Z',
          releaseId: 'r2',
        }),
        deployment({
          application: worker,
          revision: 'b'.repeat(40),
          syncedAt: '2026-03-02T10:01:00.000Z',
          healthyAt: undefined,
          failedAt: '2026-03-02T10:30:00.000Z',
          releaseId: 'r2',
          outcome: 'degraded',
        }),
        // The rollback, and two outside revisions of one application: a unit each.
        deployment({
          revision: 'a'.repeat(40),
          syncedAt: '2026-03-02T11:00:00.000Z',
          releaseId: 'r3',
          releaseKind: 'rollback',
        }),
        ...['d', 'e'].map((c, i) =>
          deployment({
            revision: c.repeat(40),
            syncedAt: `2026-03-0${3 + i}T10:00:00.000Z`,
            healthyAt: `2026-03-0${3 + i}T10:02:00.000Z`,
            releaseId: 'outside',
            releaseKind: undefined,
            sourceCommits: [
              { sha: c.repeat(40), time: '2026-03-02T12:00:00.000Z' },
            ],
          }),
        ),
        deployment({ environment: 'staging', releaseId: 'r5' }),
      ];
      for (const d of history) await store.record(d);
      const filter = { environments: ['production'] };
      // The database reads each distinct list of commits once; the applications of a release share one.
      const expected = unitsOf(await store.list(filter)).map(
        ({ rows, ...unit }) => ({
          ...unit,
          commits:
            unit.healthyAt !== undefined && !unit.rollback
              ? [...new Map(unit.commits.map(c => [c.sha, c])).values()]
              : [],
        }),
      );
      const bySync = (a: { syncedAt: number }, b: { syncedAt: number }) =>
        a.syncedAt - b.syncedAt;
      const units = (await store.units(filter)).sort(bySync);
      expect(units).toEqual(expected.sort(bySync));
      expect(units.map(u => [u.failed, u.rollback, u.commits.length])).toEqual([
        [false, false, 1],
        [true, false, 0],
        [false, true, 0],
        [false, false, 1],
        [false, false, 1],
      ]);
    });

    it('filters by product, environment and sync time', async () => {
      await store.record(deployment());
      await store.record(
        deployment({
          environment: 'staging',
          application: { ...api, runtime: 'nonprod' },
        }),
      );
      await store.record(
        deployment({
          product: 'search',
          application: { ...api, name: 'search' },
          syncedAt: '2026-03-04T00:00:00.000Z',
        }),
      );
      const ids = (ds: Deployment[]) =>
        ds.map(d => `${d.product}/${d.environment}`);
      expect(ids(await store.list({ products: ['payments'] }))).toEqual([
        'payments/production',
        'payments/staging',
      ]);
      expect(ids(await store.list({ environments: ['production'] }))).toEqual([
        'payments/production',
        'search/production',
      ]);
      expect(
        ids(
          await store.list({
            from: new Date('2026-03-01T10:00:00.000Z'),
            to: new Date('2026-03-04T00:00:00.000Z'),
          }),
        ),
      ).toEqual(['payments/production', 'payments/staging']);
    });

    it('has a down migration that drops the table', async () => {
      await rollbackMigrations(knex);
      expect(await knex.schema.hasTable('gitops_deployments')).toBe(false);
    });
  },
);
