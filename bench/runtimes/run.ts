/*
 * Runtimes benchmark: 10 simulated runtimes x 1,000 apps behind the compiled gitops backend plugin.
 * Prints one table: cold first answer for one application and for one product (p50/p95 over fresh
 * backend processes), warm answers and their upstream requests, 100 concurrent cold loads, idle
 * upstream requests per runtime per minute, resident memory, timeouts reported for runtimes that
 * answered, and the same with one runtime down and one 10 s slow.
 *
 *   (cd plugins/gitops-common && npx backstage-cli package build)   # and gitops-node, gitops-backend
 *   npx tsx bench/runtimes/run.ts [--load]
 *
 * `--load` keeps two busy `node -e 'for(;;);'` processes running throughout (killed at the end).
 * Simulators run in a child process; each backend is a fresh `node` process on the compiled plugin
 * (compiledBackend.cjs), measured from here. Only 127.0.0.1 is used; the run ends by itself.
 */
/* eslint-disable no-console */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { timedGet } from '../common/timedGet';

const RUNTIMES = 10;
const APPS = 1000;
const SLOW_MS = 10_000;
const TIMEOUT_MS = 5000;
const COLD_SAMPLES = 5;
const WARM_SAMPLES = 50;
const IDLE_MS = 60_000;
const PRODUCT = 'product-3';
const TOKEN = 'bench-token';
/** The shared cache, as in production: Redis (a database of its own, flushed before cold samples). */
const REDIS_URL = 'redis://127.0.0.1:6379/5';
const root = path.resolve(__dirname, '../..');

type BenchRuntime = { name: string; url: string; adminUrl: string };
type Counts = Record<string, number>;
interface ListBody {
  items: { runtime: string; name: string }[];
  errors: { runtime: string; kind: string }[];
}

const rows: [string, string, string][] = [];
function row(scenario: string, measure: string, value: string) {
  rows.push([scenario, measure, value]);
  console.error(`  ${scenario} | ${measure} | ${value}`);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
}

const p50p95 = (samples: number[]) =>
  `p50 ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(
    samples,
    95,
  ).toFixed(0)} ms (n=${samples.length})`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function flushCache() {
  const db = new URL(REDIS_URL).pathname.slice(1);
  execFileSync('redis-cli', ['-n', db, 'FLUSHDB']);
}

function requireBuild() {
  for (const p of ['gitops-common', 'gitops-node', 'gitops-backend']) {
    if (!fs.existsSync(path.join(root, 'plugins', p, 'dist/index.cjs.js'))) {
      throw new Error(
        `plugins/${p} is not built: run npx backstage-cli package build in it`,
      );
    }
  }
}

function counter(child: ChildProcess) {
  return () =>
    new Promise<Counts>(resolve => {
      const onMessage = (m: { counts?: Counts }) => {
        if (!m.counts) return;
        child.off('message', onMessage);
        resolve(m.counts);
      };
      child.on('message', onMessage);
      child.send({ type: 'take-counts' });
    });
}

/** A fresh backend process on the compiled plugin; resolves once it listens. */
async function startBackend(runtimes: BenchRuntime[]) {
  const child = fork(path.join(__dirname, 'compiledBackend.cjs'), [], {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      BENCH_RUNTIME_LIST: JSON.stringify(runtimes),
      BENCH_REDIS_URL: REDIS_URL,
      BENCH_TOKEN: TOKEN,
      BENCH_TIMEOUT_MS: String(TIMEOUT_MS),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', code => reject(new Error(`backend exited: ${code}`)));
  });
  const base = `http://127.0.0.1:${port}/api/gitops`;
  return {
    /** Times one GET; without `keep` the answer is not kept or parsed (the client's CPU is not the backend's). */
    async get(pathAndQuery: string, keep = true) {
      const res = await timedGet(`${base}${pathAndQuery}`, keep);
      return {
        ms: res.ms,
        bytes: res.bytes,
        body: (keep
          ? JSON.parse(res.text)
          : { items: [], errors: [] }) as ListBody,
      };
    },
    rss: () =>
      new Promise<number>(resolve => {
        child.once('message', (m: { rss: number }) => resolve(m.rss));
        child.send({ type: 'rss' });
      }),
    stop: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** Timeouts in answers for runtimes that are not meant to be slow or down. */
let healthyTimeouts = 0;
function countTimeouts(body: ListBody, faulty: Set<string>) {
  healthyTimeouts += body.errors.filter(
    e => e.kind === 'timeout' && !faulty.has(e.runtime),
  ).length;
}

async function coldSamples(
  runtimes: BenchRuntime[],
  pathAndQuery: string,
  samples: number,
  faulty: Set<string>,
) {
  const times: number[] = [];
  let last: ListBody | undefined;
  for (let i = 0; i < samples; i++) {
    flushCache();
    const backend = await startBackend(runtimes);
    const answer = await backend.get(pathAndQuery);
    times.push(answer.ms);
    last = answer.body;
    countTimeouts(answer.body, faulty);
    await backend.stop();
  }
  const errors = last!.errors.map(e => `${e.runtime}=${e.kind}`).join(', ');
  return `${p50p95(times)}; ${last!.items.length} apps; errors: ${
    errors || 'none'
  }`;
}

/** Waits until every runtime that answers has its list loaded. */
async function waitUntilLoaded(
  backend: Awaited<ReturnType<typeof startBackend>>,
  faulty: Set<string>,
) {
  for (;;) {
    const { body } = await backend.get('/runtimes');
    const items = (body as any).items as {
      name: string;
      freshness: { snapshotAt?: string };
    }[];
    if (items.every(r => faulty.has(r.name) || r.freshness.snapshotAt)) return;
    await new Promise(r => setTimeout(r, 250));
  }
}

async function scenario(
  title: string,
  runtimes: BenchRuntime[],
  takeCounts: () => Promise<Counts>,
  faulty: Set<string>,
  app: string,
  full: boolean,
) {
  console.error(`== ${title}`);
  const samples = full ? COLD_SAMPLES : 3;
  row(
    title,
    'cold, one application',
    await coldSamples(runtimes, `/applications?name=${app}`, samples, faulty),
  );
  row(
    title,
    'cold, one product',
    await coldSamples(
      runtimes,
      `/applications?product=${PRODUCT}`,
      samples,
      faulty,
    ),
  );
  await takeCounts();
  flushCache();
  const fresh = await startBackend(runtimes);
  const started = await fresh.rss();
  const loads = await Promise.all(
    Array.from({ length: 100 }, () => fresh.get('/applications', false)),
  );
  const c = await takeCounts();
  const after = await fresh.get('/applications');
  countTimeouts(after.body, faulty);
  row(
    title,
    '100 concurrent cold loads',
    `${c.lists ?? 0} full lists for ${
      runtimes.length
    } runtimes; p50 ${percentile(
      loads.map(l => l.ms),
      50,
    ).toFixed(0)} ms, slowest ${Math.max(...loads.map(l => l.ms)).toFixed(
      0,
    )} ms; ${after.body.items.length} apps after them`,
  );
  await waitUntilLoaded(fresh, faulty);
  for (const [label, q] of [
    ['warm, one application', `/applications?name=${app}`],
    ['warm, one product', `/applications?product=${PRODUCT}`],
    ['warm, all applications', '/applications'],
  ]) {
    await takeCounts();
    const times: number[] = [];
    for (let i = 0; i < WARM_SAMPLES; i++) {
      const answer = await fresh.get(q);
      times.push(answer.ms);
      countTimeouts(answer.body, faulty);
    }
    const during = await takeCounts();
    const upstream = (during.lists ?? 0) + (during.targeted ?? 0);
    row(title, label, `${p50p95(times)}; ${upstream} upstream list requests`);
  }
  if (full) {
    // Commit messages are looked up once after the first list; idle starts when they are done.
    let previous = -1;
    for (;;) {
      await new Promise(r => setTimeout(r, 5000));
      const n = (await takeCounts()).revisions ?? 0;
      if (n === 0 && previous === 0) break;
      previous = n;
    }
    await new Promise(r => setTimeout(r, IDLE_MS));
    const idle = await takeCounts();
    const total = Object.values(idle).reduce((a, b) => a + b, 0);
    row(
      title,
      'idle upstream requests per runtime per minute',
      `${((total / runtimes.length) * 60_000) / IDLE_MS} (${JSON.stringify(
        idle,
      )} in ${IDLE_MS / 1000} s for ${runtimes.length} runtimes)`,
    );
    const loaded = await fresh.rss();
    row(
      title,
      'backend RSS (compiled, node)',
      `${mb(started)} started, ${mb(loaded)} loaded and served: growth ${mb(
        loaded - started,
      )}`,
    );
  }
  await fresh.stop();
}

async function main() {
  requireBuild();
  const busy = process.argv.includes('--load')
    ? [0, 1].map(() =>
        spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }),
      )
    : [];
  const child = fork(path.join(__dirname, 'simulators.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_RUNTIMES: String(RUNTIMES),
      BENCH_APPS: String(APPS),
      BENCH_TOKEN: TOKEN,
    },
  });
  try {
    const runtimes = await new Promise<BenchRuntime[]>((resolve, reject) => {
      child.once('message', (m: any) => resolve(m.runtimes));
      child.once('exit', code =>
        reject(new Error(`simulators exited with ${code}`)),
      );
    });
    const takeCounts = counter(child);
    // An app of the benchmark's product, found once (not timed).
    flushCache();
    const probe = await startBackend(runtimes);
    const { body } = await probe.get(`/applications?product=${PRODUCT}`);
    const app = body.items[0].name;
    await probe.stop();

    await scenario('healthy', runtimes, takeCounts, new Set(), app, true);
    const adminPut = async (runtime: BenchRuntime, fault: object) => {
      const res = await fetch(`${runtime.adminUrl}/__admin/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(fault),
      });
      if (!res.ok) throw new Error(`fault on ${runtime.name}: ${res.status}`);
    };
    await adminPut(runtimes[0], { mode: 'down' });
    await adminPut(runtimes[1], { mode: 'slow', delayMs: SLOW_MS });
    await scenario(
      `${runtimes[0].name} down, ${runtimes[1].name} ${SLOW_MS / 1000} s slow`,
      runtimes,
      takeCounts,
      new Set([runtimes[0].name, runtimes[1].name]),
      app,
      false,
    );
    const width = [0, 1, 2].map(i => Math.max(...rows.map(r => r[i].length)));
    const line = (r: string[]) =>
      `| ${r.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
    console.log(
      `\n${RUNTIMES} runtimes x ${APPS} apps, timeout ${TIMEOUT_MS} ms, node ${
        process.version
      }, ${busy.length ? 'under load (2 busy processes)' : 'quiet machine'}`,
    );
    console.log(line(['scenario', 'measure', 'result']));
    console.log(line(width.map(w => '-'.repeat(w))));
    rows.forEach(r => console.log(line(r)));
    console.log(
      `timeouts reported for runtimes that were neither down nor slow: ${healthyTimeouts}`,
    );
  } finally {
    busy.forEach(p => p.kill());
    child.disconnect();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
