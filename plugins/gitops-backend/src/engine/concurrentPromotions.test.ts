import { TestDatabases } from '@backstage/backend-test-utils';
import type { AuditEvent, Release } from '@slipway/plugin-gitops-common';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../database/migrate';
import { waitFor } from '../__testUtils__/waitFor';
import {
  commitsSettled,
  createWorld,
  productsOnOneBranch,
  productsShowing,
  startWorldBackend,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';

// CI runs ~95 test files at once: the waits below are generous on purpose.
jest.setTimeout(300_000);

// The 50-product case is a benchmark: bench/promotions/replicas.ts.
const COUNT = 10;
const names = Array.from(
  { length: COUNT },
  (_, i) => `p${String(i).padStart(2, '0')}`,
);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const postgres = databases.eachSupportedId();

/**
 * Two backends (two engines) on one PostgreSQL database; 10 products whose applications' files all
 * live on one branch of one repository, promoted at the same moment through both backends.
 */
(postgres.length ? describe : describe.skip)(
  'concurrent promotions on two replicas',
  () => {
    let world: World;
    let a: WorldBackend;
    let b: WorldBackend;
    let second: Knex;

    beforeAll(async () => {
      world = await createWorld({
        ...productsOnOneBranch(names),
        // 100 applications polling Git load a busy CI machine; this test checks the commits, not the
        // verification that follows, so the simulators poll Git rarely.
        timings: { pollIntervalMs: 5_000 },
      });
      const knex = await databases.init('POSTGRES_15');
      await applyMigrations(knex);
      // The second replica has its own connection pool to the same database.
      second = knexFactory({
        client: 'pg',
        connection: (knex.client as any).config.connection,
      });
      a = await startWorldBackend(world, knex, { concurrency: 25 });
      b = await startWorldBackend(world, second, { concurrency: 25 });
      await waitFor(async () => {
        const ready = await Promise.all(
          [a, b].map(async x =>
            productsShowing(
              (
                await x.api().get('/api/gitops/products')
              ).body,
              'dev',
              '2.0.0',
            ),
          ),
        );
        if (ready.every(n => n === COUNT)) return true;
        await Promise.all(
          [a, b].flatMap(x => [x.refresh('nonprod'), x.refresh('prod')]),
        );
        return false;
      }, 240_000);
    });

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await second?.destroy();
      await world?.close();
    });

    it('lands every promotion exactly once, with no lost update', async () => {
      const before = Number(
        await world.manifests.git('rev-list', '--count', 'main'),
      );
      const ids: string[] = await Promise.all(
        names.map(async (name, i) => {
          const res = await (i % 2 ? b : a)
            .api()
            .post(`/api/gitops/products/${name}/promotions`)
            .send({ from: 'dev', to: 'prod' });
          expect(res.status).toBe(202);
          return res.body.releaseId;
        }),
      );

      // Every release's commit has landed (verification by the simulators may still be going on), or
      // a release ended without one.
      const releases = await waitFor(async () => {
        const all = await Promise.all(
          ids.map(
            async id =>
              (
                await a.api().get(`/api/gitops/releases/${id}`)
              ).body as Release,
          ),
        );
        return commitsSettled(all) && all;
      }, 240_000);
      // None failed, none was stopped: each is verifying or done.
      expect(
        releases
          .filter(r => r.status === 'failed' || r.status === 'terminated')
          .map(r => `${r.id}: ${r.status} ${r.error ?? ''}`),
      ).toEqual([]);
      expect(
        releases.every(r =>
          r.steps.every(step => step.applications.length > 0),
        ),
      ).toBe(true);

      // One commit per release, each on top of the previous (fast-forward only).
      expect(
        Number(await world.manifests.git('rev-list', '--count', 'main')),
      ).toBe(before + COUNT);
      expect(
        Number(
          await world.manifests.git('rev-list', '--count', '--merges', 'main'),
        ),
      ).toBe(0);
      const trailers = (
        await world.manifests.git(
          'log',
          `-${COUNT}`,
          '--format=%(trailers:key=Slipway-Release,valueonly,separator=)',
          'main',
        )
      ).split('\n');
      expect([...trailers].sort()).toEqual([...ids].sort());

      // No lost update: every prod values file carries its promoted tag.
      for (const name of names) {
        expect(
          await world.manifests.git(
            'show',
            `main:apps/${name}-api/prod/values.yaml`,
          ),
        ).toContain('tag: "2.0.0"');
      }

      const events = await waitFor(async () => {
        const audit = await b
          .api()
          .get('/api/gitops/audit?action=git.commit&limit=100');
        const items = (audit.body.items ?? []) as AuditEvent[];
        return items.length >= COUNT && items;
      }, 60_000);
      expect(events).toHaveLength(COUNT);
      expect(new Set(events.map(e => e.releaseId)).size).toBe(COUNT);
    });
  },
);
