/* eslint-disable no-console */
/**
 * Benchmark: backend latency of GET /products and GET /environments for 500 products × 5 environments.
 *
 * Two simulated runtimes in scale mode (10,000 synthetic apps each: 500 products × 5 services × 4
 * namespaces), a delivery repository generated in a temp dir with 500 products and 5 environments
 * (dev, qa, staging and preprod on `nonprod` by namespace; production = all of `prod`), and the gitops
 * backend plugin in process. Cold = a fresh backend's first request (runtime lists, delivery config and
 * board computed); warm = sequential requests once the simulated apps settled (`--settle` seconds).
 *
 *   npx tsx bench/board/backend.ts [--products 500] [--warm 200] [--cold 5]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import gitopsPlugin from '@slipway/plugin-gitops-backend';
import { startSimulator } from '@slipway/runtime-simulator';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { idleScheduler } from '../common/idleScheduler';
import { percentile } from '../common/timing';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '500' },
    warm: { type: 'string', default: '200' },
    cold: { type: 'string', default: '5' },
    settle: { type: 'string', default: '10' },
  },
});
const productCount = Number(values.products);
const warmRequests = Number(values.warm);
const coldSamples = Number(values.cold);
/** Seconds to wait after the first load, while the simulated apps finish their first syncs. */
const settleSeconds = Number(values.settle);
/** The simulator groups 5 services per product and puts each in 4 namespaces (dev, qa, staging, prod). */
const appsPerRuntime = productCount * 5 * 4;
const TOKEN = 'bench-token';

function deliveryRepo(): { dir: string; url: string } {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-board-bench-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const products = Array.from(
    { length: productCount },
    (_, k) => `product-${k}`,
  );
  const environment = (
    name: string,
    order: number,
    runtime: string,
    namespaces: string[],
  ) =>
    write(
      `environments/${name}.yaml`,
      `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  tier: ${name === 'production' ? 'production' : 'non-production'}
  order: ${order}
  targets:
    - runtime: ${runtime}
      cluster: in-cluster
      namespaces: [${namespaces.join(', ')}]
`,
    );
  environment(
    'dev',
    1,
    'nonprod',
    products.map(p => `${p}-dev`),
  );
  environment(
    'qa',
    2,
    'nonprod',
    products.map(p => `${p}-qa`),
  );
  environment(
    'staging',
    3,
    'nonprod',
    products.map(p => `${p}-staging`),
  );
  environment(
    'preprod',
    4,
    'nonprod',
    products.map(p => `${p}-prod`),
  );
  environment('production', 5, 'prod', []);
  products.forEach((name, k) =>
    write(
      `products/${name}.yaml`,
      `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: ${name}
spec:
  title: Product ${k}
  owner: group:default/team-${k % 10}
  entities: [system:default/${name}]
  versionSource: { file: Chart.yaml, path: $.appVersion }
  promotion:
    files:
      - file: values.yaml
        paths: [$.image.tag]
`,
    ),
  );
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
    });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'bench delivery config');
  return { dir, url: pathToFileURL(dir).href };
}

function httpGet(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      })
      .on('error', reject);
  });
}

async function startBackend(
  runtimes: { name: string; url: string }[],
  delivery: string,
) {
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      idleScheduler,
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            runtimes: runtimes.map(r => ({
              name: r.name,
              argocd: { url: r.url, token: TOKEN },
              timeoutMs: 30_000,
              refreshIntervalSeconds: 3600,
            })),
            deliveryRepo: { url: delivery, branch: 'main' },
            git: { allowLocal: true },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/gitops`;
  return {
    stop: () => backend.stop(),
    async get(path: string) {
      const started = performance.now();
      const res = await httpGet(`${base}${path}`);
      const ms = performance.now() - started;
      if (res.status !== 200) {
        throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
      }
      return { ms, text: res.text };
    },
  };
}

const fmt = (samples: number[]) =>
  samples.length === 0
    ? 'not measured'
    : `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(
        samples,
        95,
      ).toFixed(1)} ms (n=${samples.length})`;

async function main() {
  const repo = deliveryRepo();
  const sims = await Promise.all(
    ['nonprod', 'prod'].map(name =>
      startSimulator({
        name,
        tokens: [TOKEN],
        syntheticApplications: appsPerRuntime,
        // The simulators share this process: their reconcile loop must not be what the figures measure.
        timings: { pollIntervalMs: 600_000 },
      }),
    ),
  );
  const runtimes = sims.map(s => ({ name: s.name, url: s.url }));
  console.log(
    `${productCount} products × 5 environments; ${sims.length} runtimes × ${appsPerRuntime} synthetic apps`,
  );
  try {
    const paths = ['/products', '/environments'];
    const cold: Record<string, number[]> = {
      '/products': [],
      '/environments': [],
    };
    let shape = '';
    for (let i = 0; i < coldSamples; i++) {
      for (const path of paths) {
        const backend = await startBackend(runtimes, repo.url);
        const res = await backend.get(path);
        cold[path].push(res.ms);
        if (path === '/products' && !shape) {
          const body = JSON.parse(res.text);
          const cells = body.items.flatMap((p: any) => p.environments);
          shape = `${body.items.length} products, ${
            cells.length
          } product×environment cells, ${
            cells.filter((c: any) => c.version).length
          } with one version, ${
            cells.filter((c: any) => c.versions.length > 0).length
          } with known versions, ${body.unassigned.length} unassigned apps, ${(
            res.text.length / 1e6
          ).toFixed(2)} MB`;
        }
        await backend.stop();
      }
    }
    console.log(`GET /products answer: ${shape}`);
    {
      // For scale: what a fresh backend needs just to list every runtime's applications once.
      const backend = await startBackend(runtimes, repo.url);
      const res = await backend.get('/runtimes');
      console.log(
        `cold GET /runtimes (lists both runtimes' apps): ${res.ms.toFixed(
          0,
        )} ms`,
      );
      await backend.stop();
    }

    const backend = await startBackend(runtimes, repo.url);
    await backend.get('/products');
    await backend.get('/environments');
    // Right after the first load the simulated apps still change (every change rebuilds the board).
    const early: number[] = [];
    for (let i = 0; i < 100; i++)
      early.push((await backend.get('/products')).ms);
    console.log(`GET /products right after the first load  ${fmt(early)}`);
    await new Promise(r => setTimeout(r, settleSeconds * 1000));
    for (const path of paths) {
      const warm: number[] = [];
      for (let i = 0; i < warmRequests; i++)
        warm.push((await backend.get(path)).ms);
      console.log(`GET ${path}`);
      console.log(`  cold  ${fmt(cold[path])}`);
      console.log(`  warm  ${fmt(warm)}`);
    }
    const filtered: number[] = [];
    for (let i = 0; i < 50; i++) {
      filtered.push(
        (
          await backend.get(
            `/products?owner=${encodeURIComponent(
              'group:default/team-3',
            )}&q=product-1`,
          )
        ).ms,
      );
    }
    console.log(`GET /products?owner=&q=  warm  ${fmt(filtered)}`);
    const detail: number[] = [];
    for (let i = 0; i < 50; i++)
      detail.push((await backend.get(`/products/product-${i}`)).ms);
    console.log(`GET /products/{name}      warm  ${fmt(detail)}`);
    await backend.stop();
  } finally {
    await Promise.all(sims.map(s => s.close()));
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
