import { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { listOf, variant } from '../__testUtils__/argoFixtures';
import { fakeClock } from '../__testUtils__/fakeClock';
import { waitFor } from '../__testUtils__/waitFor';
import { ArgoCdClient } from './ArgoCdClient';
import { RuntimeClock } from './clock';
import { RuntimeConfig } from './config';
import { RuntimeApplications } from './RuntimeApplications';
import { RuntimeState } from './RuntimeState';

const BASE = 'http://argocd.apps.test';

// Generous by default: a busy machine must not turn a slow answer into a timeout the test did not ask for.
function config(timeoutMs = 10_000): RuntimeConfig {
  return {
    name: 'apps',
    title: 'Apps',
    url: BASE,
    uiUrl: BASE,
    auth: { token: 'tkn-apps-1234' },
    timeoutMs,
    concurrency: 3,
    refreshIntervalSeconds: 30,
  };
}

/** Every instance of a case, stopped after it: a retry left pending would list in a later case. */
const created: RuntimeApplications[] = [];

function applications(
  cache: CacheService,
  timeoutMs?: number,
  clock?: RuntimeClock,
) {
  const runtime = config(timeoutMs);
  const apps = new RuntimeApplications(
    new ArgoCdClient(runtime),
    { runtime: runtime.name, uiUrl: runtime.uiUrl, defaultNamespace: 'argocd' },
    new RuntimeState(),
    cache,
    mockServices.logger.mock(),
    runtime.refreshIntervalSeconds * 1000,
    { clock, retry: { initialSeconds: 1, maxSeconds: 30 } },
  );
  created.push(apps);
  return apps;
}

function memoryCache(): CacheService {
  return CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin(`gitops-${Math.random()}`);
}

/** The Redis server of the full test suite (see the README); without it the Redis case is skipped. */
const REDIS_URL = process.env.SLIPWAY_TEST_REDIS_URL;

function redisCache(namespace: string): CacheService {
  return CacheManager.fromConfig(
    new ConfigReader({
      backend: { cache: { store: 'redis', connection: REDIS_URL } },
    }),
  ).forPlugin(namespace);
}

describe('RuntimeApplications', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let listCalls = 0;

  function serveApps(count: number, wait: number | 'infinite' = 20) {
    server.use(
      http.get(`${BASE}/api/v1/applications`, async () => {
        listCalls += 1;
        await delay(wait);
        return HttpResponse.json(
          listOf(
            Array.from({ length: count }, (_, i) =>
              variant(`app-${i}`, {
                namespace: 'argocd',
                annotations: { 'slipway.dev/product': i % 2 ? 'odd' : 'even' },
              }),
            ),
          ),
        );
      }),
    );
  }

  function serveDown() {
    server.use(
      http.get(`${BASE}/api/v1/applications`, () => {
        listCalls += 1;
        return HttpResponse.error();
      }),
    );
  }

  beforeEach(() => {
    listCalls = 0;
  });

  afterEach(() => {
    for (const apps of created.splice(0)) apps.stop();
  });

  /** Waits until `count` lists were asked for and `then` holds. */
  const listed = (count: number, then: () => unknown) =>
    waitFor(() => listCalls === count && then());

  it('answers 100 concurrent cold reads with one upstream list', async () => {
    serveApps(5, 100);
    const apps = applications(memoryCache());
    const reads = await Promise.all(
      Array.from({ length: 100 }, () => apps.read()),
    );
    expect(listCalls).toBe(1);
    for (const read of reads) expect(read.snapshot?.size).toBe(5);
    expect(reads[0].snapshot?.forProduct('odd').map(a => a.name)).toEqual([
      'app-1',
      'app-3',
    ]);
  });

  it('serves the last snapshot at once while the runtime is down, with the error', async () => {
    serveApps(3);
    const apps = applications(memoryCache());
    await apps.read();
    serveDown();
    await expect(apps.refresh()).rejects.toMatchObject({ kind: 'unreachable' });
    const callsBefore = listCalls;

    const read = await apps.read();
    // Answered from the snapshot: no request to the runtime that is down.
    expect(listCalls).toBe(callsBefore);
    expect(read.snapshot?.size).toBe(3);
    expect(read.error).toMatchObject({ runtime: 'apps', kind: 'unreachable' });

    serveApps(4);
    await apps.refresh();
    expect((await apps.read()).error).toBeUndefined();
    expect((await apps.read()).snapshot?.size).toBe(4);
  });

  it('waits at most the timeout on a cold read of a runtime that never answers, then does not ask again', async () => {
    // Never answers: the read can only end through the timeout.
    serveApps(3, 'infinite');
    const apps = applications(memoryCache(), 200);
    const read = await apps.read();
    expect(read.snapshot).toBeUndefined();
    expect(read.error?.kind).toBe('timeout');

    expect((await apps.read()).error?.kind).toBe('timeout');
    expect(listCalls).toBe(1);
  });

  it('retries a failed first load with backoff before the next refresh, and says when', async () => {
    serveDown();
    const time = fakeClock();
    const apps = applications(memoryCache(), undefined, time.clock);
    const first = await apps.read();
    expect(first.snapshot).toBeUndefined();
    const retryAt = Date.parse(first.error!.nextRetryAt!);
    expect(retryAt).toBeGreaterThan(time.now());
    expect(retryAt).toBe(time.nextTimerAt());
    expect(listCalls).toBe(1);

    // Reads in between do not ask again; only the retries do, each further off (about 1, 2, 4 s).
    await apps.read();
    expect(listCalls).toBe(1);
    const waits: number[] = [];
    for (let attempt = 2; attempt <= 4; attempt++) {
      const before = time.now();
      time.advance(time.nextTimerAt()! - before);
      await listed(attempt, () => apps.error()?.nextRetryAt);
      waits.push(Date.parse(apps.error()!.nextRetryAt!) - time.now());
    }
    expect(waits[0]).toBeLessThan(waits[1]);
    expect(waits[1]).toBeLessThan(waits[2]);

    // Back up: the next retry (well before any 30 s refresh) loads the list; no retry is left.
    serveApps(3);
    time.advance(time.nextTimerAt()! - time.now());
    await waitFor(() => apps.current());
    expect(listCalls).toBe(5);
    const read = await apps.read();
    expect(read.snapshot?.size).toBe(3);
    expect(read.error).toBeUndefined();
    expect(time.nextTimerAt()).toBeUndefined();
  });

  it('caps the backoff and retries a failed refresh too', async () => {
    serveApps(2);
    const time = fakeClock();
    const apps = applications(memoryCache(), undefined, time.clock);
    await apps.read();
    serveDown();
    const gaps: number[] = [];
    await apps.refresh().catch(() => undefined);
    for (let attempt = 0; attempt < 8; attempt++) {
      const calls = listCalls;
      const gap = time.nextTimerAt()! - time.now();
      gaps.push(gap);
      time.advance(gap);
      await listed(calls + 1, () => time.nextTimerAt());
    }
    // 1, 2, 4, 8, 16, then 30 s at most (each ±20%).
    expect(Math.max(...gaps)).toBeLessThanOrEqual(36_000);
    expect(gaps.slice(5).every(g => g >= 24_000)).toBe(true);
    // The snapshot was served throughout, with the error.
    expect((await apps.read()).snapshot?.size).toBe(2);
    apps.stop();
    expect(time.nextTimerAt()).toBeUndefined();
  });

  it('applies stream events and action answers to the snapshot', async () => {
    serveApps(2);
    const apps = applications(memoryCache());
    await apps.read();
    apps.upsertRaw(
      variant('app-0', { namespace: 'argocd', health: 'Degraded' }),
    );
    apps.upsertRaw(variant('new-app', { namespace: 'argocd' }));
    apps.remove('argocd', 'app-1');
    apps.upsertRaw({ metadata: {} }); // ignored: no name
    const items = (await apps.read()).snapshot!.items();
    expect(items.map(a => `${a.name}:${a.health.status}`)).toEqual([
      'app-0:Degraded',
      'new-app:Healthy',
    ]);
  });

  it('takes the changed apps from a refresh and keeps the unchanged ones as they were', async () => {
    serveApps(3);
    const apps = applications(memoryCache());
    const before = (await apps.read()).snapshot!;
    server.use(
      http.get(`${BASE}/api/v1/applications`, () =>
        HttpResponse.json(
          listOf([
            variant('app-0', {
              namespace: 'argocd',
              annotations: { 'slipway.dev/product': 'even' },
            }),
            variant('app-1', {
              namespace: 'argocd',
              annotations: { 'slipway.dev/product': 'odd' },
              health: 'Degraded',
            }),
          ]),
        ),
      ),
    );
    await apps.refresh();
    const after = apps.current()!;
    expect(after.items().map(a => `${a.name}:${a.health.status}`)).toEqual([
      'app-0:Healthy',
      'app-1:Degraded',
    ]);
    expect(after.get('argocd', 'app-0')).toBe(before.get('argocd', 'app-0'));
    expect(after.get('argocd', 'app-1')).not.toBe(
      before.get('argocd', 'app-1'),
    );
    expect(after.version).not.toBe(before.version);
  });

  describe.each<[string, () => readonly [CacheService, CacheService]]>([
    [
      'memory',
      () => {
        const shared = memoryCache();
        return [shared, shared] as const;
      },
    ],
    ...(REDIS_URL
      ? [
          [
            'redis',
            () => {
              const namespace = `gitops-test-${Date.now()}-${Math.random()}`;
              return [redisCache(namespace), redisCache(namespace)] as const;
            },
          ] as [string, () => readonly [CacheService, CacheService]],
        ]
      : []),
  ])('shared through the %s cache', (_store, makeCaches) => {
    it("lets a second replica start from the first one's snapshot without listing", async () => {
      serveApps(7);
      const [cacheA, cacheB] = makeCaches();
      const replicaA = applications(cacheA);
      await replicaA.read();
      expect(listCalls).toBe(1);

      serveDown();
      const replicaB = applications(cacheB);
      const read = await replicaB.read();
      expect(listCalls).toBe(1);
      expect(read.snapshot?.items().map(a => a.name)).toEqual(
        replicaA
          .current()
          ?.items()
          .map(a => a.name),
      );
      expect(read.snapshot?.items()[0]).toEqual(replicaA.current()?.items()[0]);
    });

    it('adopts a fresher snapshot another replica stored instead of listing again', async () => {
      serveApps(2);
      const [cacheA, cacheB] = makeCaches();
      const replicaA = applications(cacheA);
      const replicaB = applications(cacheB);
      await replicaA.read();
      await replicaB.read();
      expect(listCalls).toBe(1);

      serveApps(6);
      await new Promise(r => setTimeout(r, 5));
      await replicaA.refresh(); // its own snapshot is the newest: lists
      expect(listCalls).toBe(2);

      await replicaB.refresh(); // A just listed: B takes that
      expect(listCalls).toBe(2);
      expect(replicaB.current()?.size).toBe(6);
    });
  });
});
