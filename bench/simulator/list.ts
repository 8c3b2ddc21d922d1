/* eslint-disable no-console */
/**
 * Benchmark: GET /api/v1/applications against a simulated runtime with 5,000 synthetic applications,
 * with a typical `fields` projection (what a portal's overview asks for) and without.
 *
 *   npx tsx bench/simulator/list.ts [--apps 5000] [--requests 30]
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '@slipway/runtime-simulator';
import { percentile } from '../common/timing';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '30' },
  },
});
const appCount = Number(values.apps);
const requests = Number(values.requests);

const typicalFields = [
  'items.metadata.name',
  'items.metadata.namespace',
  'items.metadata.annotations',
  'items.metadata.labels',
  'items.spec.destination',
  'items.spec.project',
  'items.spec.source',
  'items.status.sync.status',
  'items.status.sync.revision',
  'items.status.health',
  'items.status.summary',
  'items.status.operationState.phase',
  'items.status.operationState.finishedAt',
].join(',');

async function measure(
  url: string,
  label: string,
  beforeEach?: (i: number) => void,
): Promise<void> {
  const timings: number[] = [];
  let bytes = 0;
  let items = 0;
  // The first request fills the per-app serialisation caches; report it apart. Later identical requests
  // are served from the list response cache while no app changes.
  const coldStart = performance.now();
  const cold = await fetch(url, { headers: { Authorization: 'Bearer bench' } });
  await cold.arrayBuffer();
  const coldMs = performance.now() - coldStart;
  for (let i = 0; i < requests; i++) {
    beforeEach?.(i);
    const started = performance.now();
    const res = await fetch(url, {
      headers: { Authorization: 'Bearer bench' },
    });
    const body = await res.text();
    timings.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
    bytes = Buffer.byteLength(body);
    items = (JSON.parse(body).items ?? []).length;
  }
  console.log(
    `${label.padEnd(30)} items=${items}  size=${(bytes / 1024 / 1024).toFixed(
      2,
    )} MiB  ` +
      `cold=${coldMs.toFixed(1)} ms  p50=${percentile(timings, 50).toFixed(
        1,
      )} ms  ` +
      `p95=${percentile(timings, 95).toFixed(1)} ms  (n=${requests})`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const sim = await startSimulator({
    name: 'bench',
    tokens: ['bench'],
    syntheticApplications: appCount,
  });
  console.log(
    `simulator with ${appCount} synthetic apps started in ${(
      performance.now() - started
    ).toFixed(0)} ms`,
  );
  try {
    await measure(
      `${sim.url}/api/v1/applications?fields=${typicalFields}`,
      'list, typical fields',
    );
    // One app changes before every request, so the list body is rebuilt from the per-app caches.
    await measure(
      `${sim.url}/api/v1/applications?fields=${typicalFields}`,
      'list, fields, 1 app changed',
      i =>
        sim.faults.setApplicationHealth(
          'payments-api-dev',
          i % 2 ? { status: 'Healthy' } : { status: 'Degraded' },
        ),
    );
    await measure(`${sim.url}/api/v1/applications`, 'list, full objects');
    await measure(
      `${sim.url}/api/v1/applications?selector=slipway.dev/environment%3Dprod&fields=${typicalFields}`,
      'list, selector + fields',
    );
  } finally {
    await sim.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
