/* eslint-disable no-console */
/**
 * Benchmark: two backend replicas (two promotion engines, each with its own connection pool) on one
 * PostgreSQL database; `--count` products whose applications' files all live on one branch of one
 * repository, promoted at the same moment through both replicas. Prints the time until every commit
 * landed, the commits on the branch, lost updates and duplicates. (The test suite runs the same with
 * 10 products: engine/concurrentPromotions.test.ts.)
 *
 *   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432 \
 *     npx tsx bench/promotions/replicas.ts [--count 50]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { AuditEvent, Release } from '@slipway/plugin-gitops-common';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { applyMigrations } from '../../plugins/gitops-backend/src/database/migrate';
import { gitopsPlugin } from '../../plugins/gitops-backend/src/plugin';
import { runtimeConfig } from '../../plugins/gitops-backend/src/__testUtils__/gitopsBackend';
import { waitFor } from '../../plugins/gitops-backend/src/__testUtils__/waitFor';
import {
  commitsSettled,
  createWorld,
  productsOnOneBranch,
  productsShowing,
  World,
} from '../../plugins/gitops-backend/src/engine/__testUtils__/promotionWorld';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '50' } },
});
const count = Number(values.count);
const names = Array.from(
  { length: count },
  (_, i) => `p${String(i).padStart(3, '0')}`,
);
const server =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One backend replica on its own connection pool, with its own promotion engine and scheduler. */
async function startReplica(world: World, knex: Knex) {
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            runtimes: [runtimeConfig(world.nonprod), runtimeConfig(world.prod)],
            deliveryRepo: { url: world.delivery.url },
            git: { allowLocal: true },
            promotions: { pollInterval: 200, concurrency: 25 },
          },
        },
      }),
    ],
  });
  return { api: () => request(backend.server), stop: () => backend.stop() };
}

type Replica = Awaited<ReturnType<typeof startReplica>>;

async function readyIn(backend: Replica) {
  const res = await backend.api().get('/api/gitops/products');
  return productsShowing(res.body, 'dev', '2.0.0');
}

async function main() {
  const database = `slipway_bench_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: server });
  await admin.raw(`CREATE DATABASE ${database}`);
  const connection = `${server.replace(/\/$/, '')}/${database}`;
  const pools: Knex[] = [
    knexFactory({ client: 'pg', connection }),
    knexFactory({ client: 'pg', connection }),
  ];
  await applyMigrations(pools[0]);

  const world = await createWorld({
    ...productsOnOneBranch(names),
    timings: { pollIntervalMs: 5_000 },
  });
  const replicas = await Promise.all(
    pools.map(knex => startReplica(world, knex)),
  );
  try {
    await waitFor(async () => {
      const ready = await Promise.all(replicas.map(readyIn));
      return ready.every(n => n === count);
    }, 600_000);

    const before = Number(
      await world.manifests.git('rev-list', '--count', 'main'),
    );
    const started = Date.now();
    const ids: string[] = await Promise.all(
      names.map(async (name, i) => {
        const res = await replicas[i % 2]
          .api()
          .post(`/api/gitops/products/${name}/promotions`)
          .send({ from: 'dev', to: 'prod' });
        if (res.status !== 202) {
          throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
        }
        return res.body.releaseId;
      }),
    );
    const accepted = Date.now() - started;
    const releases = await waitFor(async () => {
      const all = await Promise.all(
        ids.map(
          async id =>
            (
              await replicas[0].api().get(`/api/gitops/releases/${id}`)
            ).body as Release,
        ),
      );
      return commitsSettled(all) && all;
    }, 600_000);
    const landed = Date.now() - started;

    const commits =
      Number(await world.manifests.git('rev-list', '--count', 'main')) - before;
    const merges = Number(
      await world.manifests.git('rev-list', '--count', '--merges', 'main'),
    );
    let lost = 0;
    for (const name of names) {
      const values = await world.manifests.git(
        'show',
        `main:apps/${name}-api/prod/values.yaml`,
      );
      if (!values.includes('tag: "2.0.0"')) lost += 1;
    }
    const trailers = (
      await world.manifests.git(
        'log',
        `-${commits}`,
        '--format=%(trailers:key=Slipway-Release,valueonly,separator=)',
        'main',
      )
    ).split('\n');
    const duplicates = trailers.length - new Set(trailers).size;
    const audit = await replicas[1]
      .api()
      .get(
        `/api/gitops/audit?action=git.commit&limit=${Math.min(500, 2 * count)}`,
      );
    const auditRows = ((audit.body.items ?? []) as AuditEvent[]).length;
    const failed = releases.filter(
      r => r.status === 'failed' || r.status === 'terminated',
    );

    console.log(
      `Two replicas, one PostgreSQL, ${count} promotions on one branch`,
    );
    console.log(`  all accepted (202)            ${seconds(accepted)}`);
    console.log(`  every commit landed           ${seconds(landed)}`);
    console.log(
      `  commits on the branch         ${commits} (expected ${count})`,
    );
    console.log(`  merge commits                 ${merges}`);
    console.log(`  duplicate release commits     ${duplicates}`);
    console.log(`  lost updates                  ${lost}`);
    console.log(`  git.commit audit rows         ${auditRows}`);
    console.log(`  failed or terminated releases ${failed.length}`);
    for (const r of failed)
      console.log(`    ${r.id}: ${r.status} ${r.error ?? ''}`);
  } finally {
    await Promise.all(replicas.map(r => r.stop()));
    await Promise.all(pools.map(knex => knex.destroy()));
    await world.close();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
