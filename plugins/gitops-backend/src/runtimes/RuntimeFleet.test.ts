import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { listOf, variant } from '../__testUtils__/argoFixtures';
import { waitFor } from '../__testUtils__/waitFor';
import { RuntimeConfig } from './config';
import { RuntimeFleet } from './RuntimeFleet';

const NAMES = ['alpha', 'beta'];
const base = (runtime: string) => `http://argocd.${runtime}.test`;

function config(name: string): RuntimeConfig {
  return {
    name,
    title: name,
    url: base(name),
    uiUrl: base(name),
    auth: { token: `tkn-${name}-1234` },
    timeoutMs: 10_000,
    concurrency: 3,
    refreshIntervalSeconds: 30,
  };
}

function fleet() {
  const cache = CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin(`gitops-${Math.random()}`);
  return new RuntimeFleet(NAMES.map(config), cache, mockServices.logger.mock());
}

describe('RuntimeFleet cold reads of one application', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  /** Upstream list requests in the order they arrived: `runtime:name` targeted, `runtime:*` full. */
  const requests: string[] = [];

  beforeEach(() => {
    requests.length = 0;
    for (const runtime of NAMES) {
      server.use(
        http.get(
          `${base(runtime)}/api/v1/applications`,
          async ({ request }) => {
            const url = new URL(request.url);
            const name = url.searchParams.get('name');
            requests.push(`${runtime}:${name ?? '*'}`);
            if (!url.searchParams.get('fields')) {
              return HttpResponse.json(
                { message: 'no projection' },
                { status: 400 },
              );
            }
            await delay(50);
            const apps = Array.from({ length: 30 }, (_, i) => `app-${i}`);
            return HttpResponse.json(
              listOf(
                apps
                  .filter(app => !name || app === name)
                  .map(app => variant(app, { namespace: 'argocd' })),
              ),
            );
          },
        ),
      );
    }
  });

  it('asks each runtime for just that application, shared by concurrent requests, before any full list', async () => {
    const apps = fleet();
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        apps.listApplications({ name: 'app-7' }),
      ),
    );
    // One targeted query per runtime answered all 25; no full list went out before the answer.
    expect([...requests].sort()).toEqual(['alpha:app-7', 'beta:app-7']);
    for (const answer of answers) {
      expect(answer.items.map(a => `${a.runtime}/${a.name}`)).toEqual([
        'alpha/app-7',
        'beta/app-7',
      ]);
      expect(answer.errors).toEqual([]);
    }
    expect(JSON.parse(answers[0].encoded().toString()).items).toHaveLength(2);

    // The full lists follow in the background; from then on the snapshot answers.
    await waitFor(() => apps.all().every(r => r.applications.current()));
    expect(requests.slice(2).sort()).toEqual(['alpha:*', 'beta:*']);
    const warm = await apps.listApplications({ name: 'app-9' });
    expect(warm.items.map(a => `${a.runtime}/${a.name}`)).toEqual([
      'alpha/app-9',
      'beta/app-9',
    ]);
    expect(requests).toHaveLength(4);
    apps.stop();
  });

  it('answers the runtimes that respond and names the one that does not', async () => {
    server.use(
      http.get(`${base('beta')}/api/v1/applications`, () => {
        requests.push('beta:failed');
        return HttpResponse.json({ message: 'boom' }, { status: 503 });
      }),
    );
    const apps = fleet();
    const answer = await apps.listApplications({ name: 'app-3' });
    expect(answer.items.map(a => `${a.runtime}/${a.name}`)).toEqual([
      'alpha/app-3',
    ]);
    expect(answer.errors).toEqual([
      expect.objectContaining({ runtime: 'beta', kind: 'bad-response' }),
    ]);
    expect(requests.sort()).toEqual(['alpha:app-3', 'beta:failed']);
    apps.stop();
  });
});
