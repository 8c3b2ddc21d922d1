/*
 * Runtimes benchmark: 10 simulated runtimes x 1,000 apps behind the gitops backend plugin.
 * Prints cold and warm latency (p50/p95) of GET /applications and of one product's filter, upstream
 * list requests per refresh and for 100 concurrent cold loads, and backend RSS growth; then the same
 * with one runtime down and one slow.
 *
 *   npx tsx --expose-gc bench/runtimes/run.ts
 *
 * Simulators run in a child process (their CPU and memory are not the backend's). Each cold sample is
 * a fresh backend process; warm figures and RSS come from one backend in this process, read by a
 * client in another process (the bytes it receives are not the backend's memory).
 */
/* eslint-disable no-console */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import path from 'node:path';
import {
  BenchRuntime,
  REDIS_URL,
  startBackend,
  TIMEOUT_MS,
  TOKEN,
} from './backend';

const RUNTIMES = 10;
const APPS = 1000;
const SLOW_MS = 15_000;
const COLD_SAMPLES = 5;
const WARM_SAMPLES = 100;
const PRODUCT = 'product-3';
const tsx = { execArgv: ['--import', 'tsx'] };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

function fmt(samples: number[]): string {
  return `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(
    samples,
    95,
  ).toFixed(1)} ms (n=${samples.length})`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Memory after a full collection and a pause, so freed pages have had a chance to go back. */
async function memory(): Promise<{
  rss: number;
  heap: number;
  external: number;
}> {
  global.gc?.();
  await new Promise(resolve => setTimeout(resolve, 3000));
  global.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed, external: usage.external };
}

/** Empties the benchmark's Redis database, so the next backend starts truly cold. */
function flushCache() {
  const db = new URL(REDIS_URL).pathname.slice(1);
  execFileSync('redis-cli', ['-n', db, 'FLUSHDB']);
}

/** Upstream application list requests since the last call, counted by the simulators' proxies. */
function listCounter(child: ChildProcess) {
  return () =>
    new Promise<number>(resolve => {
      const onMessage = (m: { lists?: number }) => {
        if (m.lists === undefined) return;
        child.off('message', onMessage);
        resolve(m.lists);
      };
      child.on('message', onMessage);
      child.send({ type: 'take-lists' });
    });
}

function coldSample(runtimes: BenchRuntime[], pathAndQuery: string) {
  return new Promise<{ ms: number; items: number; errors: string[] }>(
    (resolve, reject) => {
      const child = fork(path.join(__dirname, 'coldSample.ts'), [], {
        ...tsx,
        env: {
          ...process.env,
          BENCH_RUNTIME_LIST: JSON.stringify(runtimes),
          BENCH_PATH: pathAndQuery,
        },
      });
      child.once('message', resolve as any);
      child.once(
        'exit',
        code => code && reject(new Error(`cold sample exited with ${code}`)),
      );
    },
  );
}

/** The warm reads, from a separate process: receiving the answers is not the backend's memory. */
function warmReads(base: string) {
  return new Promise<{
    warm: number[];
    warmProduct: number[];
    productApps: number;
  }>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'warmClient.ts'), [], {
      ...tsx,
      env: {
        ...process.env,
        BENCH_BASE: base,
        BENCH_PRODUCT: PRODUCT,
        BENCH_SAMPLES: String(WARM_SAMPLES),
      },
    });
    child.once('message', resolve as any);
    child.once(
      'exit',
      code => code && reject(new Error(`warm client exited with ${code}`)),
    );
  });
}

async function setFault(runtime: BenchRuntime, fault: object) {
  const res = await fetch(`${runtime.adminUrl}/__admin/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!res.ok) throw new Error(`fault on ${runtime.name}: ${res.status}`);
}

async function scenario(
  title: string,
  runtimes: BenchRuntime[],
  takeLists: () => Promise<number>,
) {
  console.log(`\n== ${title}`);
  for (const [label, pathAndQuery] of [
    ['GET /applications', '/applications'],
    [
      `GET /applications?product=${PRODUCT}`,
      `/applications?product=${PRODUCT}`,
    ],
  ]) {
    const samples = [];
    for (let i = 0; i < COLD_SAMPLES; i++) {
      flushCache();
      samples.push(await coldSample(runtimes, pathAndQuery));
    }
    const last = samples[samples.length - 1];
    console.log(
      `cold ${label}: ${fmt(samples.map(s => s.ms))}; ${
        last.items
      } apps, errors: ${last.errors.join(', ') || 'none'}`,
    );
  }
  await takeLists();
  const replica = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    replica.push(await coldSample(runtimes, '/applications'));
  }
  console.log(
    `new replica, shared cache warm: GET /applications ${fmt(
      replica.map(s => s.ms),
    )}; ${await takeLists()} upstream list requests in ${COLD_SAMPLES} starts`,
  );
  flushCache();
  const before = await memory();
  const backend = await startBackend(runtimes);
  const started = await memory();
  // Only figures are kept: the answer's text is the benchmark's memory, not the backend's.
  const first = await backend
    .get('/applications', true)
    .then(a => ({ ms: a.ms, bytes: a.bytes, apps: a.body().items.length }));
  console.log(
    `in-process first load: ${first.ms.toFixed(0)} ms, ${
      first.apps
    } apps, ${await takeLists()} upstream list requests`,
  );
  await backend.refreshAll();
  console.log(
    `one scheduled refresh: ${await takeLists()} upstream list requests`,
  );

  const { warm, warmProduct, productApps } = await warmReads(backend.base);
  console.log(
    `warm GET /applications: ${fmt(warm)}; ${(first.bytes / 1e6).toFixed(
      1,
    )} MB`,
  );
  console.log(
    `warm GET /applications?product=${PRODUCT}: ${fmt(
      warmProduct,
    )}; ${productApps} apps`,
  );
  console.log(`upstream list requests during warm reads: ${await takeLists()}`);
  const loaded = await memory();
  console.log(
    `backend RSS: ${mb(before.rss)} before it started, ${mb(
      started.rss,
    )} started, ${mb(loaded.rss)} with every app loaded and served: growth ${mb(
      loaded.rss - started.rss,
    )} (JS heap ${mb(started.heap)} -> ${mb(loaded.heap)}, external ${mb(
      started.external,
    )} -> ${mb(loaded.external)})`,
  );
  await backend.stop();

  flushCache();
  const fresh = await startBackend(runtimes);
  const loads = await Promise.all(
    Array.from({ length: 100 }, () => fresh.get('/applications')),
  );
  const sizes = new Set(loads.map(l => l.bytes));
  console.log(
    `100 concurrent cold loads: ${await takeLists()} upstream list requests for ${
      runtimes.length
    } runtimes; ${
      sizes.size === 1
        ? 'identical answers'
        : `${sizes.size} answer sizes (answers grow as commit messages load)`
    }; p50 ${percentile(
      loads.map(l => l.ms),
      50,
    ).toFixed(0)} ms, slowest ${Math.max(...loads.map(l => l.ms)).toFixed(
      0,
    )} ms`,
  );
  await fresh.stop();
}

async function main() {
  const child = fork(path.join(__dirname, 'simulators.ts'), [], {
    ...tsx,
    env: {
      ...process.env,
      BENCH_RUNTIMES: String(RUNTIMES),
      BENCH_APPS: String(APPS),
      BENCH_TOKEN: TOKEN,
    },
  });
  const runtimes = await new Promise<BenchRuntime[]>((resolve, reject) => {
    child.once('message', (m: any) => resolve(m.runtimes));
    child.once('exit', code =>
      reject(new Error(`simulators exited with ${code}`)),
    );
  });
  console.log(
    `${RUNTIMES} simulated runtimes x ${APPS} apps; per-runtime timeout ${TIMEOUT_MS} ms; node ${process.version}`,
  );
  const takeLists = listCounter(child);
  try {
    await scenario('all runtimes healthy', runtimes, takeLists);
    await setFault(runtimes[0], { mode: 'down' });
    await setFault(runtimes[1], { mode: 'slow', delayMs: SLOW_MS });
    await scenario(
      `${runtimes[0].name} down, ${runtimes[1].name} slow (${
        SLOW_MS / 1000
      } s per answer)`,
      runtimes,
      takeLists,
    );
  } finally {
    child.disconnect();
  }
  // Stopped backends can leave idle handles behind; the report is complete.
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
