import { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { fakeClock } from '../__testUtils__/fakeClock';
import { startRuntime, TestRuntime } from '../__testUtils__/gitopsBackend';
import { recordUpstream } from '../__testUtils__/upstreamRecorder';
import { waitFor } from '../__testUtils__/waitFor';
import { RuntimeConfig } from './config';
import { Runtime } from './Runtime';

jest.setTimeout(60_000);

/** The Redis server of the full test suite (see the README); without it the Redis case is skipped. */
const REDIS_URL = process.env.SLIPWAY_TEST_REDIS_URL;

/** In-memory stores live in one process: replicas share one only in a test, by namespace. */
const memoryManager = CacheManager.fromConfig(
  new ConfigReader({ backend: { cache: { store: 'memory' } } }),
);

/** A fresh cache client per call, as each replica has its own; same namespace, same data. */
function cacheFor(store: 'memory' | 'redis', namespace: string): CacheService {
  if (store === 'memory') return memoryManager.forPlugin(namespace);
  return CacheManager.fromConfig(
    new ConfigReader({
      backend: { cache: { store: 'redis', connection: REDIS_URL } },
    }),
  ).forPlugin(namespace);
}

/** Upstream requests by kind, from the paths a runtime was asked for. */
function kinds(paths: string[]) {
  const count = (test: (path: string) => boolean) => paths.filter(test).length;
  return {
    lists: count(p => p === '/api/v1/applications'),
    clusters: count(p => p === '/api/v1/clusters'),
    versions: count(p => p === '/api/version'),
    revisions: count(p => p.endsWith('/metadata')),
    total: paths.length,
  };
}

describe('a runtime left idle', () => {
  const upstream = recordUpstream();
  let sim: TestRuntime;

  beforeAll(async () => {
    upstream.start();
    sim = await startRuntime('idle', { syntheticApplications: 8 });
  });

  afterAll(async () => {
    upstream.stop();
    await sim?.sim.close();
  });

  function config(): RuntimeConfig {
    return {
      name: 'idle',
      title: 'Idle',
      url: sim.sim.url,
      uiUrl: sim.sim.url,
      auth: { token: sim.token },
      timeoutMs: 10_000,
      concurrency: 3,
      refreshIntervalSeconds: 30,
      resyncIntervalSeconds: 600,
      healthCheckIntervalSeconds: 60,
    };
  }

  const asked = () => kinds(upstream.paths(sim.sim.url));

  /** The revisions whose commit message a snapshot looks up. */
  function revisionsOf(runtime: Runtime): Set<string> {
    const apps = runtime.applications.current()?.items() ?? [];
    return new Set(apps.flatMap(app => app.sync.revision ?? []));
  }

  /**
   * Starts a runtime on `clock` and waits until its list is loaded, its stream open and caught up:
   * `lists` upstream lists, the first (none when the cache has one) and one once the stream connected.
   */
  async function started(
    cache: CacheService,
    time: ReturnType<typeof fakeClock>,
    lists = 2,
  ) {
    const runtime = new Runtime(
      config(),
      cache,
      mockServices.logger.mock(),
      time.clock,
    );
    const listsBefore = asked().lists;
    await runtime.refresh();
    runtime.start();
    await waitFor(
      async () => (await runtime.health()).freshness.mode === 'stream',
    );
    // Once connected it lists again, for what changed before the watch began.
    await waitFor(() => asked().lists === listsBefore + lists);
    return runtime;
  }

  it('asks Argo CD at most twice a minute while its watch stream is up', async () => {
    const time = fakeClock(Date.now());
    const runtime = await started(
      cacheFor('memory', `idle-${Math.random()}`),
      time,
    );
    // The first snapshot's commit messages are looked up once, a second after the list.
    time.advance(1_000);
    const revisions = revisionsOf(runtime).size;
    await waitFor(() => asked().revisions === revisions);
    upstream.reset();

    // Ten minutes of scheduled refreshes, every 30 s.
    for (let tick = 0; tick < 20; tick++) {
      time.advance(30_000);
      await runtime.refresh();
    }
    const idle = asked();
    expect(idle.total).toBeLessThanOrEqual(2 * 10);
    // One safety resync of the list, clusters once a minute, the version once.
    expect(idle).toEqual({
      lists: 1,
      clusters: 10,
      versions: 1,
      revisions: 0,
      total: 12,
    });
    runtime.stop();
  });

  it('lists on every scheduled refresh while there is no stream', async () => {
    const time = fakeClock(Date.now());
    const runtime = new Runtime(
      config(),
      cacheFor('memory', `polled-${Math.random()}`),
      mockServices.logger.mock(),
      time.clock,
    );
    await runtime.refresh();
    upstream.reset();
    for (let tick = 0; tick < 4; tick++) {
      time.advance(30_000);
      await runtime.refresh();
    }
    expect(asked().lists).toBe(4);
    expect(asked().clusters).toBe(2);
    // Its commit-message lookups end before the next case counts requests.
    await waitFor(() =>
      runtime.applications
        .current()!
        .items()
        .every(app => app.revisionMessage),
    );
    runtime.stop();
  });

  if (!REDIS_URL) {
    // eslint-disable-next-line no-console
    console.log(
      'Skipping the Redis revision-metadata case: SLIPWAY_TEST_REDIS_URL is not set',
    );
  }
  describe.each(
    REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const),
  )('revision metadata shared through the %s cache', store => {
    it('asks for each revision once across refreshes and replicas', async () => {
      const namespace = `revisions-${Date.now()}-${Math.random()}`;
      upstream.reset();
      const timeA = fakeClock(Date.now());
      const replicaA = await started(cacheFor(store, namespace), timeA);
      timeA.advance(1_000);
      const revisions = revisionsOf(replicaA);
      expect(revisions.size).toBeGreaterThan(1);
      await waitFor(() => asked().revisions === revisions.size);
      const withMessages = () =>
        replicaA.applications
          .current()!
          .items()
          .filter(app => app.revisionMessage).length;
      // The answers reach the snapshot a moment after the lookups return.
      await waitFor(
        () => withMessages() === replicaA.applications.current()!.size,
      );

      // A's safety resync: a new snapshot, the messages carried over, nothing asked again.
      timeA.advance(600_000);
      await replicaA.refresh();
      timeA.advance(1_000);
      // The first list, the one after the stream connected, the resync.
      expect(asked().lists).toBe(3);
      expect(withMessages()).toBe(replicaA.applications.current()!.size);

      // Replica B, on its own process state, finds every message in the shared cache.
      const timeB = fakeClock(Date.now());
      const replicaB = await started(cacheFor(store, namespace), timeB, 1);
      timeB.advance(1_000);
      await waitFor(() =>
        replicaB.applications
          .current()!
          .items()
          .every(app => app.revisionMessage),
      );
      expect(asked().revisions).toBe(revisions.size);
      replicaA.stop();
      replicaB.stop();
    });
  });
});
