/* eslint-disable no-console */
/**
 * Benchmark: promotions end to end through the backend (see git.ts for the Git layer alone).
 *  1. POST /products/shop/promotions → commit landed on the local manifests repository, p50/p95 over
 *     `--promotions` sequential promotions (each of a new version, dev → prod), and → release succeeded
 *     (includes the simulated Argo CD sync, so it says little about Slipway itself);
 *  2. `--concurrent` promotions of different products whose files share one branch, posted at once:
 *     time until every commit landed and until every release succeeded, commits on the branch, lost
 *     updates.
 *
 *   npx tsx bench/promotions/run.ts [--promotions 30] [--concurrent 50]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
// Not through @slipway/plugin-gitops-backend/testUtils: it loads the test databases, which need Jest.
import { gitopsPlugin } from '../../plugins/gitops-backend/src/plugin';
import { runtimeConfig } from '../../plugins/gitops-backend/src/__testUtils__/gitopsBackend';
import {
  createWorld,
  productsOnOneBranch,
  productsShowing,
  valuesYaml,
  World,
} from '../../plugins/gitops-backend/src/engine/__testUtils__/promotionWorld';

const { values } = parseArgs({
  options: {
    promotions: { type: 'string', default: '30' },
    concurrent: { type: 'string', default: '50' },
  },
});
const promotions = Number(values.promotions);
const concurrent = Number(values.concurrent);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function until<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
  everyMs = 20,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(everyMs);
  }
}

async function startBackend(world: World) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
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
  const api = () => request(backend.server);
  return { backend, api, knex };
}

/** The branch head, read from the ref file (the local provider moves it with update-ref). */
const head = (world: World) =>
  readFile(join(world.manifests.dir, 'refs', 'heads', 'main'), 'utf8')
    .then(text => text.trim())
    .catch(() => world.manifests.git('rev-parse', 'main'));

async function versionIn(
  api: () => ReturnType<typeof request>,
  product: string,
  environment: string,
) {
  const res = await api().get(`/api/gitops/products/${product}`);
  return res.body?.environments?.find((e: any) => e.environment === environment)
    ?.version as string | undefined;
}

async function sequential() {
  const world = await createWorld();
  const { backend, api, knex } = await startBackend(world);
  try {
    const toCommit: number[] = [];
    const toSuccess: number[] = [];
    for (let i = 0; i < promotions; i++) {
      const version = `2.${i}.0`;
      await world.manifests.seed(
        {
          'apps/shop-api/dev/values.yaml': valuesYaml(
            'shop-api',
            'dev',
            version,
          ),
        },
        `dev runs ${version}`,
      );
      // The board follows the runtimes' watch streams; a refresh makes sure it sees the new version.
      await until(
        async () => {
          if ((await versionIn(api, 'shop', 'dev')) === version) return true;
          await api()
            .post(
              '/api/gitops/applications/nonprod/argocd/shop-api-dev/refresh',
            )
            .send({});
          return false;
        },
        60_000,
        50,
      );
      const before = await head(world);
      const started = performance.now();
      const res = await api()
        .post('/api/gitops/products/shop/promotions')
        .send({ from: 'dev', to: 'prod' });
      if (res.status !== 202) throw new Error(JSON.stringify(res.body));
      await until(async () => (await head(world)) !== before, 60_000, 2);
      toCommit.push(performance.now() - started);
      await until(async () => {
        const r = await api().get(`/api/gitops/releases/${res.body.releaseId}`);
        if (r.body.status === 'failed') throw new Error(r.body.error);
        return r.body.status === 'succeeded';
      });
      toSuccess.push(performance.now() - started);
    }
    toCommit.sort((a, b) => a - b);
    toSuccess.sort((a, b) => a - b);
    console.log(
      `sequential promotions dev → prod (${promotions}), local bare repository:`,
    );
    console.log(
      `  request → commit landed:     p50 ${ms(
        percentile(toCommit, 50),
      )}  p95 ${ms(percentile(toCommit, 95))}  max ${ms(
        toCommit[toCommit.length - 1],
      )}`,
    );
    console.log(
      `  request → release succeeded: p50 ${ms(
        percentile(toSuccess, 50),
      )}  p95 ${ms(
        percentile(toSuccess, 95),
      )}  (includes the simulator's sync: ~0.3 s delay + 0.2 s progressing)`,
    );
  } finally {
    await backend.stop();
    await knex.destroy();
    await world.close();
  }
}

async function concurrently() {
  const names = Array.from(
    { length: concurrent },
    (_, i) => `p${String(i).padStart(2, '0')}`,
  );
  const world = await createWorld({
    ...productsOnOneBranch(names),
    timings: { pollIntervalMs: Number(process.env.SIM_POLL_MS ?? 1_000) },
  });
  const { backend, api, knex } = await startBackend(world);
  try {
    await until(
      async () => {
        const res = await api().get('/api/gitops/products');
        return productsShowing(res.body, 'dev', '2.0.0') === concurrent;
      },
      180_000,
      200,
    );
    const before = Number(
      await world.manifests.git('rev-list', '--count', 'main'),
    );
    const started = performance.now();
    const ids: string[] = await Promise.all(
      names.map(async name => {
        const res = await api()
          .post(`/api/gitops/products/${name}/promotions`)
          .send({ from: 'dev', to: 'prod' });
        if (res.status !== 202) throw new Error(JSON.stringify(res.body));
        return res.body.releaseId;
      }),
    );
    const accepted = performance.now() - started;
    await until(
      async () =>
        Number(await world.manifests.git('rev-list', '--count', 'main')) -
          before >=
        concurrent,
      300_000,
      10,
    );
    const landed = performance.now() - started;
    await until(
      async () => {
        const all = await Promise.all(
          ids.map(id => api().get(`/api/gitops/releases/${id}`)),
        );
        return all.every(r => ['succeeded', 'failed'].includes(r.body.status));
      },
      300_000,
      200,
    );
    const finished = performance.now() - started;
    let lost = 0;
    for (const name of names) {
      const text = await world.manifests.git(
        'show',
        `main:apps/${name}-api/prod/values.yaml`,
      );
      if (!text.includes('tag: "2.0.0"')) lost += 1;
    }
    const commits =
      Number(await world.manifests.git('rev-list', '--count', 'main')) - before;
    const merges = Number(
      await world.manifests.git('rev-list', '--count', '--merges', 'main'),
    );
    console.log(
      `${concurrent} concurrent promotions of different products on one branch (one backend):`,
    );
    console.log(`  all requests answered 202: ${ms(accepted)}`);
    console.log(
      `  all commits landed:        ${ms(
        landed,
      )}  (${commits} commits, ${merges} merges, ${lost} lost updates)`,
    );
    console.log(
      `  all releases finished:     ${ms(
        finished,
      )}  (includes 2 × ${concurrent} simulated apps syncing)`,
    );
  } finally {
    await backend.stop();
    await knex.destroy();
    await world.close();
  }
}

async function main() {
  await sequential();
  await concurrently();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
