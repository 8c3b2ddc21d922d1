/*
 * Child process of the runtimes benchmark: starts simulated Argo CD runtimes with synthetic apps, so
 * their memory and CPU stay out of the measured backend process. Each runtime sits behind a small
 * proxy that counts every request by kind; the parent reads and resets the counts over IPC and drives
 * faults through each simulator's /__admin endpoint. Everything listens on 127.0.0.1 only.
 */
import { startSimulator } from '@slipway/runtime-simulator';
import http from 'node:http';
import { AddressInfo } from 'node:net';

const count = Number(process.env.BENCH_RUNTIMES ?? 10);
const apps = Number(process.env.BENCH_APPS ?? 1000);
const token = process.env.BENCH_TOKEN ?? 'bench-token';

/** Upstream requests since the parent last took them, by kind. */
let counts: Record<string, number> = {};

function kind(url: URL): string {
  const p = url.pathname;
  if (p === '/api/v1/applications') {
    return url.searchParams.has('name') || url.searchParams.has('selector')
      ? 'targeted'
      : 'lists';
  }
  if (p.endsWith('/metadata')) return 'revisions';
  if (p === '/api/v1/clusters') return 'clusters';
  if (p === '/api/version') return 'version';
  if (p === '/api/v1/stream/applications') return 'streams';
  return 'other';
}

/** Forwards everything (streams included) to `target`, counting each request by kind. */
function countingProxy(target: URL): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const k = kind(new URL(req.url ?? '/', 'http://127.0.0.1'));
    counts[k] = (counts[k] ?? 0) + 1;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        // Not the global agent: its idle-socket timeout would cut a quiet watch stream.
        agent: false,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  // A watch stream is one request that stays open for hours: no server timeout may end it.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.setTimeout(0);
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

async function main() {
  const sims = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startSimulator({
        name: `runtime-${String(i).padStart(2, '0')}`,
        tokens: [token],
        syntheticApplications: apps,
      }),
    ),
  );
  const proxies = await Promise.all(
    sims.map(s => countingProxy(new URL(s.url))),
  );
  process.send?.({
    runtimes: sims.map((s, i) => ({
      name: s.name,
      url: `http://127.0.0.1:${(proxies[i].address() as AddressInfo).port}`,
      adminUrl: s.url,
    })),
  });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'take-counts') {
      process.send?.({ counts });
      counts = {};
    }
  });
  process.on('disconnect', async () => {
    for (const proxy of proxies) proxy.closeAllConnections();
    await Promise.all(sims.map(s => s.close()));
    process.exit(0);
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
