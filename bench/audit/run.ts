/* eslint-disable no-console */
/**
 * Benchmark: the audit log at 1,000,000 events in PostgreSQL.
 *  1. bulk insert throughput (batches, as an import would) and single-event records (one per request);
 *  2. p95 of the filtered `GET /audit` queries (first page and a deep cursor page) through AuditStore;
 *  3. time to the first page of the CSV export through the real route (`Accept: text/csv`).
 *
 * Uses a dedicated database `slipway_bench_audit`, created at the start and dropped at the end.
 *
 *   npx tsx bench/audit/run.ts [--events 1000000] [--samples 40] [--pg postgresql://postgres@127.0.0.1:5432]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { parseArgs } from 'node:util';
import {
  AuditStore,
  encodeAuditCursor,
  gitopsPlugin,
  NewAuditEvent,
  toAuditRow,
} from '@slipway/plugin-gitops-backend/testUtils';
import { freshBenchDatabase } from '../common/benchDatabase';
import { idleScheduler } from '../common/idleScheduler';
import { seededRandom } from '../common/random';
import { msSince as ms, percentile } from '../common/timing';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '40' },
    pg: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432' },
  },
});
const EVENTS = Number(values.events);
const SAMPLES = Number(values.samples);
const DATABASE = 'slipway_bench_audit';
const BATCH = 5_000;

const { random, pick } = seededRandom();
/** Skewed: a few actors and products do most of the work, as in a real portal. */
const skewed = <T>(list: readonly T[]) =>
  list[Math.floor(list.length * random() ** 2)];

const ACTORS = Array.from({ length: 300 }, (_, i) => `user:default/user-${i}`);
const PRODUCTS = Array.from({ length: 80 }, (_, i) => `product-${i}`);
const ENVIRONMENTS = ['dev', 'qa', 'staging', 'perf', 'prod-eu', 'prod-us'];
const ACTIONS = [
  'application.sync',
  'application.refresh',
  'promotion.create',
  'release.approve',
  'release.retry',
  'release.terminate',
  'release.step.committing',
  'release.step.syncing',
  'release.step.verifying',
  'release.step.succeeded',
  'release.step.failed',
  'release.succeeded',
  'release.failed',
  'git.commit',
];
const YEAR_MS = 365 * 86_400_000;
const START = Date.now() - YEAR_MS;

function syntheticEvent(i: number): NewAuditEvent {
  const action = pick(ACTIONS);
  const r = random();
  const outcome = r < 0.95 ? 'succeeded' : r < 0.98 ? 'failed' : 'denied';
  const git = action === 'git.commit';
  const product = skewed(PRODUCTS);
  return {
    // Append-only: times grow with ids, with a little jitter.
    time: new Date(
      START + Math.floor((i / EVENTS) * YEAR_MS + random() * 1000),
    ),
    actor:
      git && random() < 0.5
        ? `git:Dev ${i % 97} <dev${i % 97}@example.com>`
        : skewed(ACTORS),
    action,
    target: `product:${product}`,
    product,
    environment: pick(ENVIRONMENTS),
    runtime: pick(['nonprod', 'prod']),
    releaseId: action.startsWith('release')
      ? `rel-${Math.floor(i / 7)}`
      : undefined,
    outcome,
    commitSha: git ? i.toString(16).padStart(40, '0') : undefined,
    repository: git ? 'https://github.com/acme/app-manifests' : undefined,
    source: git
      ? random() < 0.5
        ? 'git'
        : 'engine'
      : action.startsWith('release')
      ? 'engine'
      : 'api',
    details: { version: `1.${i % 50}.${i % 7}`, note: 'benchmark' },
  };
}

/** Milliseconds until the CSV header and the first 500 rows (or the whole, shorter export) arrived. */
async function firstCsvPage(
  server: import('node:http').Server,
  filter: Record<string, string>,
): Promise<number> {
  const address = server.address() as import('node:net').AddressInfo;
  const controller = new AbortController();
  const start = process.hrtime.bigint();
  const res = await fetch(
    `http://127.0.0.1:${address.port}/api/gitops/audit?${new URLSearchParams(
      filter,
    )}`,
    { headers: { Accept: 'text/csv' }, signal: controller.signal },
  );
  if (
    res.status !== 200 ||
    !res.headers.get('content-type')?.startsWith('text/csv')
  ) {
    throw new Error(`CSV export answered ${res.status}: ${await res.text()}`);
  }
  const decoder = new TextDecoder();
  let lines = 0;
  for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
    lines += decoder.decode(chunk, { stream: true }).split('\r\n').length - 1;
    if (lines >= 501) break;
  }
  const elapsed = ms(start);
  controller.abort();
  return elapsed;
}

async function main() {
  const database = await freshBenchDatabase(values.pg!, DATABASE);
  const knex = database.knex;
  try {
    const store = new AuditStore(knex);

    // 1. Bulk insert.
    console.log(
      `Inserting ${EVENTS.toLocaleString(
        'en-US',
      )} events in batches of ${BATCH}…`,
    );
    const bulkStart = process.hrtime.bigint();
    for (let i = 0; i < EVENTS; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) {
        rows.push(toAuditRow(syntheticEvent(j)));
      }
      await knex('gitops_audit_events').insert(rows);
    }
    const bulkMs = ms(bulkStart);
    console.log(
      `  bulk insert: ${(bulkMs / 1000).toFixed(1)} s, ${Math.round(
        EVENTS / (bulkMs / 1000),
      ).toLocaleString('en-US')} events/s`,
    );
    await knex.raw('ANALYZE gitops_audit_events');

    // Single records, as write requests make them (one INSERT each, sequential).
    const singles: number[] = [];
    for (let i = 0; i < 500; i++) {
      const start = process.hrtime.bigint();
      await store.record({ ...syntheticEvent(EVENTS + i), time: new Date() });
      singles.push(ms(start));
    }
    const singleTotal = singles.reduce((a, b) => a + b, 0);
    console.log(
      `  single record(): p50 ${percentile(singles, 50).toFixed(
        2,
      )} ms, p95 ${percentile(singles, 95).toFixed(2)} ms, ${Math.round(
        500 / (singleTotal / 1000),
      )} events/s sequential`,
    );

    // 2. Filtered queries.
    const t = (days: number) =>
      new Date(Date.now() - days * 86_400_000).toISOString();
    // Values of a random stored event, so combined filters match something (as a user's would).
    const maxId = Number(
      (await knex('gitops_audit_events').max('id as max'))[0].max,
    );
    const sampled = async () => {
      const row = await knex('gitops_audit_events')
        .where('id', '>=', 1 + Math.floor(random() * maxId))
        .orderBy('id')
        .first();
      return { ...row, time: new Date(row.time) };
    };
    const before = (time: Date, days: number) =>
      new Date(time.getTime() - days * 86_400_000).toISOString();
    const kinds: Record<
      string,
      () => Record<string, string> | Promise<Record<string, string>>
    > = {
      'no filter': () => ({}),
      actor: () => ({ actor: skewed(ACTORS) }),
      'actor (rare)': () => ({
        actor: ACTORS[ACTORS.length - 1 - Math.floor(random() * 20)],
      }),
      product: () => ({ product: skewed(PRODUCTS) }),
      'product+environment': () => ({
        product: skewed(PRODUCTS),
        environment: pick(ENVIRONMENTS),
      }),
      action: () => ({ action: pick(ACTIONS) }),
      'outcome=denied': () => ({ outcome: 'denied' }),
      'outcome=failed': () => ({ outcome: 'failed' }),
      'time range (1 day)': () => {
        const from = 10 + Math.floor(random() * 300);
        return { from: t(from), to: t(from - 1) };
      },
      'actor+product+outcome+30d (matching)': async () => {
        const row = await sampled();
        return {
          actor: row.actor,
          product: row.product,
          outcome: row.outcome,
          from: before(row.time, 30),
        };
      },
      'product+env+action+outcome (matching)': async () => {
        const row = await sampled();
        return {
          product: row.product,
          environment: row.environment,
          action: row.action,
          outcome: row.outcome,
        };
      },
      'actor+product+denied (no match)': () => ({
        actor: ACTORS[0],
        product: PRODUCTS[PRODUCTS.length - 1],
        action: 'release.terminate',
        outcome: 'denied',
      }),
    };

    /** A cursor `depth` rows into the filter's results (found untimed with OFFSET). */
    async function deepCursor(filter: Record<string, string>, depth: number) {
      const q = knex('gitops_audit_events');
      for (const key of [
        'actor',
        'product',
        'environment',
        'action',
        'outcome',
      ]) {
        if (filter[key]) q.where(key, filter[key]);
      }
      if (filter.from) q.where('time', '>=', new Date(filter.from));
      if (filter.to) q.where('time', '<', new Date(filter.to));
      const row = await q
        .orderBy([
          { column: 'time', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .offset(depth)
        .first('time', 'id');
      return (
        row &&
        encodeAuditCursor({ time: new Date(row.time), id: Number(row.id) })
      );
    }

    console.log(
      `\nFiltered queries, limit 50, ${SAMPLES} samples each (p95 target < 100 ms):`,
    );
    console.log(
      `  ${'query'.padEnd(44)} ${'first p50'.padStart(
        10,
      )} ${'first p95'.padStart(10)} ${'deep p95'.padStart(
        10,
      )} ${'rows'.padStart(6)}`,
    );
    let worst = 0;
    for (const [name, make] of Object.entries(kinds)) {
      const first: number[] = [];
      const deep: number[] = [];
      let rows = 0;
      for (let s = 0; s < SAMPLES; s++) {
        const filter = await make();
        let start = process.hrtime.bigint();
        const page = await store.query({ ...filter, limit: 50 });
        first.push(ms(start));
        rows += page.items.length;
        const cursor =
          (await deepCursor(filter, 5_000)) ??
          (await deepCursor(filter, 1_000));
        if (cursor) {
          start = process.hrtime.bigint();
          await store.query({ ...filter, cursor, limit: 50 });
          deep.push(ms(start));
        }
      }
      const p95 = percentile(first, 95);
      const deepP95 = deep.length ? percentile(deep, 95) : NaN;
      worst = Math.max(worst, p95, Number.isNaN(deepP95) ? 0 : deepP95);
      console.log(
        `  ${name.padEnd(44)} ${percentile(first, 50)
          .toFixed(1)
          .padStart(7)} ms ${p95.toFixed(1).padStart(7)} ms ${(Number.isNaN(
          deepP95,
        )
          ? '   n/a'
          : deepP95.toFixed(1)
        ).padStart(7)} ms ${String(Math.round(rows / SAMPLES)).padStart(6)}`,
      );
    }
    console.log(
      `  worst p95: ${worst.toFixed(1)} ms (${
        worst < 100 ? 'meets' : 'MISSES'
      } the 100 ms target)`,
    );

    // 3. CSV export through the real route: time until the first page (500 rows) has arrived.
    const backend = await startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.rootConfig.factory({ data: { gitops: { runtimes: [] } } }),
        mockServices.database.factory({ knex, migrations: { skip: true } }),
        idleScheduler,
      ],
    });
    try {
      const csvTimes: number[] = [];
      const csvFilters: Record<string, string>[] = [
        {},
        { product: PRODUCTS[0] },
        { actor: ACTORS[0] },
        { outcome: 'denied' },
      ];
      for (let s = 0; s < SAMPLES; s++) {
        const filter = csvFilters[s % csvFilters.length];
        const elapsed = await firstCsvPage(backend.server, filter);
        csvTimes.push(elapsed);
      }
      console.log(
        `\nCSV export, time to the first page (header + 500 rows) over HTTP: p50 ${percentile(
          csvTimes,
          50,
        ).toFixed(1)} ms, p95 ${percentile(csvTimes, 95).toFixed(1)} ms`,
      );
    } finally {
      await backend.stop();
    }
  } finally {
    await database.drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
