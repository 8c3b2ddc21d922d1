import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  exampleApplication,
  listOf,
  sessionJwt,
  variant,
} from '../__testUtils__/argoFixtures';
import { APPLICATION_LIST_FIELDS, ArgoCdClient } from './ArgoCdClient';
import { RuntimeConfig } from './config';
import { RuntimeRequestError } from './errors';

const URL_BASE = 'http://argocd.test';
const TOKEN = 'static-token-4c1d9e';
const PASSWORD = 'admin-password-77aa';

function runtime(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    name: 'test',
    title: 'Test',
    url: URL_BASE,
    uiUrl: URL_BASE,
    auth: { token: TOKEN },
    timeoutMs: 500,
    concurrency: 3,
    refreshIntervalSeconds: 30,
    ...overrides,
  };
}

const sessionRuntime = () =>
  runtime({ auth: { username: 'admin', password: PASSWORD } });

async function failure(
  promise: Promise<unknown>,
): Promise<RuntimeRequestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeRequestError);
    return error as RuntimeRequestError;
  }
  throw new Error('expected a failure');
}

describe('ArgoCdClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  describe('application list', () => {
    it('asks for the list projection with the static token and normalises odd shapes', async () => {
      let seen: URL | undefined;
      let auth: string | null = null;
      const bare = { metadata: { name: 'bare-app' } };
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, ({ request }) => {
          seen = new URL(request.url);
          auth = request.headers.get('authorization');
          return HttpResponse.json(
            listOf([
              exampleApplication(),
              variant('multi', { multiSource: true }),
              variant('elsewhere', { namespace: 'team-a' }),
              bare,
              { metadata: { namespace: 'no-name' } },
              'not an object',
              null,
            ]),
          );
        }),
      );
      const list = await new ArgoCdClient(runtime()).listApplications();
      expect(auth).toBe(`Bearer ${TOKEN}`);
      expect(seen?.searchParams.get('fields')).toBe(APPLICATION_LIST_FIELDS);
      expect(list.resourceVersion).toBe('1000');
      expect(list.items.map(a => a.metadata.name)).toEqual([
        'velero-test',
        'multi',
        'elsewhere',
        'bare-app',
      ]);
      expect(list.skipped).toBe(3);
      expect(list.items[1].spec?.sources).toHaveLength(2);
      expect(list.items[2].metadata.namespace).toBe('team-a');
      expect(list.items[3].status).toBeUndefined();
    });

    it('treats a null items list as empty', async () => {
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, () =>
          HttpResponse.json(listOf(null)),
        ),
      );
      const list = await new ArgoCdClient(runtime()).listApplications();
      expect(list).toEqual({ resourceVersion: '1000', items: [], skipped: 0 });
    });
  });

  describe('decoding outside the timeout', () => {
    /** A deliberately slow summariser: blocks the event loop this long per app. */
    const slowly = (ms: number) => (item: { metadata: { name: string } }) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
      return item.metadata.name;
    };

    it("does not let one runtime's slow decoding time out another runtime, or itself", async () => {
      const other = 'http://argocd.other.test';
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, () =>
          HttpResponse.json(
            listOf(Array.from({ length: 30 }, (_, i) => variant(`slow-${i}`))),
          ),
        ),
        http.get(`${other}/api/v1/applications`, async () => {
          // Answers while the first runtime's list is being decoded.
          await delay(100);
          return HttpResponse.json(listOf([variant('quick-app')]));
        }),
      );
      const finished: string[] = [];
      const [slow, quick] = await Promise.all([
        // 30 apps at 100 ms each: decoding takes twice the timeout of either runtime.
        new ArgoCdClient(runtime({ timeoutMs: 1500 }))
          .listApplications(slowly(100))
          .then(list => {
            finished.push('slow');
            return list;
          }),
        new ArgoCdClient(
          runtime({ name: 'other', url: other, timeoutMs: 1500 }),
        )
          .listApplications()
          .then(list => {
            finished.push('other');
            return list;
          }),
      ]);
      expect(quick.items.map(a => a.metadata.name)).toEqual(['quick-app']);
      expect(slow.items).toHaveLength(30);
      expect(finished).toEqual(['other', 'slow']);
    });

    it('asks Argo CD for just the named application with the list projection', async () => {
      let seen: URL | undefined;
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(listOf([variant('one')]));
        }),
      );
      const list = await new ArgoCdClient(runtime()).listApplications(
        undefined,
        { name: 'one' },
      );
      expect(seen?.searchParams.get('name')).toBe('one');
      expect(seen?.searchParams.get('fields')).toBe(APPLICATION_LIST_FIELDS);
      expect(list.items.map(a => a.metadata.name)).toEqual(['one']);
    });
  });

  describe('session login', () => {
    it('logs in once for concurrent requests and reuses the token until it expires', async () => {
      let logins = 0;
      const token = sessionJwt(Math.floor(Date.now() / 1000) + 3600);
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, async ({ request }) => {
          logins += 1;
          expect(await request.json()).toEqual({
            username: 'admin',
            password: PASSWORD,
          });
          return HttpResponse.json({ token });
        }),
        http.get(`${URL_BASE}/api/version`, ({ request }) =>
          request.headers.get('authorization') === `Bearer ${token}`
            ? HttpResponse.json({ Version: 'v3.5.1' })
            : HttpResponse.json(
                { message: 'no session information' },
                { status: 401 },
              ),
        ),
      );
      const client = new ArgoCdClient(sessionRuntime());
      await Promise.all([
        client.getVersion(),
        client.getVersion(),
        client.getVersion(),
      ]);
      await client.getVersion();
      expect(logins).toBe(1);
    });

    it('logs in again when the cached token is about to expire', async () => {
      let logins = 0;
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, () => {
          logins += 1;
          // Expires within the renewal margin, so it is never reused.
          return HttpResponse.json({
            token: sessionJwt(Math.floor(Date.now() / 1000) + 10),
          });
        }),
        http.get(`${URL_BASE}/api/version`, () =>
          HttpResponse.json({ Version: 'v3.5.1' }),
        ),
      );
      const client = new ArgoCdClient(sessionRuntime());
      await client.getVersion();
      await client.getVersion();
      expect(logins).toBe(2);
    });

    it('renews a revoked session once on 401, then reports unauthorized', async () => {
      let logins = 0;
      const accepted = new Set<string>();
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, () => {
          logins += 1;
          const token = sessionJwt(
            Math.floor(Date.now() / 1000) + 3600,
            `u${logins}`,
          );
          accepted.add(token);
          return HttpResponse.json({ token });
        }),
        http.get(`${URL_BASE}/api/version`, ({ request }) => {
          const bearer = request.headers.get('authorization')?.slice(7) ?? '';
          return accepted.has(bearer)
            ? HttpResponse.json({ Version: 'v3.5.1' })
            : HttpResponse.json(
                {
                  error: 'invalid session: token revoked',
                  code: 16,
                  message: 'invalid session: token revoked',
                },
                { status: 401 },
              );
        }),
      );
      const client = new ArgoCdClient(sessionRuntime());
      await client.getVersion();
      accepted.clear(); // the server forgets every session
      const nextLogin = logins;
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, () => {
          logins += 1;
          const token = sessionJwt(
            Math.floor(Date.now() / 1000) + 3600,
            `u${logins}`,
          );
          if (logins === nextLogin + 1) accepted.add(token);
          return HttpResponse.json({ token });
        }),
      );
      await expect(client.getVersion()).resolves.toEqual({ Version: 'v3.5.1' });
      expect(logins).toBe(nextLogin + 1);

      accepted.clear();
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, () => {
          logins += 1;
          return HttpResponse.json({
            token: sessionJwt(
              Math.floor(Date.now() / 1000) + 3600,
              `x${logins}`,
            ),
          });
        }),
      );
      const error = await failure(client.getVersion());
      expect(error.kind).toBe('unauthorized');
      expect(logins).toBe(nextLogin + 2);
    });

    it('reports a refused login as unauthorized without echoing the password', async () => {
      server.use(
        http.post(`${URL_BASE}/api/v1/session`, () =>
          HttpResponse.json(
            {
              error: 'x',
              code: 16,
              message: `Invalid username or password ${PASSWORD}`,
            },
            { status: 401 },
          ),
        ),
      );
      const error = await failure(
        new ArgoCdClient(sessionRuntime()).getVersion(),
      );
      expect(error.kind).toBe('unauthorized');
      expect(error.message).not.toContain(PASSWORD);
    });
  });

  describe('failure classification', () => {
    it('classifies a 5xx as bad-response with the status', async () => {
      server.use(
        http.get(`${URL_BASE}/api/v1/clusters`, () =>
          HttpResponse.json(
            { error: 'boom', code: 14, message: 'unavailable' },
            { status: 503 },
          ),
        ),
      );
      const error = await failure(new ArgoCdClient(runtime()).listClusters());
      expect(error).toMatchObject({
        kind: 'bad-response',
        status: 503,
        runtime: 'test',
      });
      expect(error.message).toContain('503');
    });

    it('classifies a rejected static token as unauthorized', async () => {
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, () =>
          HttpResponse.json(
            {
              error: 'no session information',
              code: 16,
              message: 'no session information',
            },
            { status: 401 },
          ),
        ),
      );
      const error = await failure(
        new ArgoCdClient(runtime()).listApplications(),
      );
      expect(error.kind).toBe('unauthorized');
    });

    it('classifies truncated JSON and a wrong shape as bad-response', async () => {
      server.use(
        http.get(`${URL_BASE}/api/v1/applications`, () =>
          HttpResponse.text('{"metadata":{},"items":[{"metadata":', {
            headers: { 'Content-Type': 'application/json' },
          }),
        ),
        http.get(`${URL_BASE}/api/v1/clusters`, () =>
          HttpResponse.json({ items: 'not-a-list' }),
        ),
      );
      const client = new ArgoCdClient(runtime());
      expect((await failure(client.listApplications())).kind).toBe(
        'bad-response',
      );
      const wrongList = await failure(
        (async () => {
          server.use(
            http.get(`${URL_BASE}/api/v1/applications`, () =>
              HttpResponse.json({ items: { a: 1 } }),
            ),
          );
          return client.listApplications();
        })(),
      );
      expect(wrongList.kind).toBe('bad-response');
    });

    it('classifies an answer that never comes as timeout', async () => {
      server.use(
        http.get(`${URL_BASE}/api/version`, async () => {
          // Never answers: the call can only end through the configured timeout.
          await delay('infinite');
          return HttpResponse.json({ Version: 'late' });
        }),
      );
      const error = await failure(
        new ArgoCdClient(runtime({ timeoutMs: 200 })).getVersion(),
      );
      expect(error.kind).toBe('timeout');
    });

    it('classifies a refused connection as unreachable', async () => {
      server.use(
        http.get('http://127.0.0.1:1/api/version', () => HttpResponse.error()),
      );
      const error = await failure(
        new ArgoCdClient(runtime({ url: 'http://127.0.0.1:1' })).getVersion(),
      );
      expect(error.kind).toBe('unreachable');
    });

    it('never repeats the token, even when the runtime echoes it', async () => {
      server.use(
        http.get(`${URL_BASE}/api/v1/applications/:name`, () =>
          HttpResponse.json(
            {
              error: 'x',
              code: 7,
              message: `permission denied for token ${TOKEN}`,
            },
            { status: 403 },
          ),
        ),
      );
      const error = await failure(
        new ArgoCdClient(runtime()).getApplication('argocd', 'secret-app'),
      );
      expect(error.status).toBe(403);
      expect(error.message).not.toContain(TOKEN);
      expect(error.upstreamMessage).toBe('permission denied for token ***');
    });
  });

  it('keeps at most `concurrency` requests in flight and counts queueing in the timeout', async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.get(`${URL_BASE}/api/version`, async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await delay(50);
        inFlight -= 1;
        return HttpResponse.json({ Version: 'v3.5.1' });
      }),
    );
    const client = new ArgoCdClient(runtime({ timeoutMs: 2_000 }));
    await Promise.all(Array.from({ length: 10 }, () => client.getVersion()));
    expect(peak).toBe(3);

    // One slot, 200 ms per answer, 300 ms timeout: the second request spends 200 ms queued.
    server.use(
      http.get(`${URL_BASE}/api/version`, async () => {
        await delay(200);
        return HttpResponse.json({ Version: 'v3.5.1' });
      }),
    );
    const tight = new ArgoCdClient(runtime({ timeoutMs: 300, concurrency: 1 }));
    const results = await Promise.allSettled([
      tight.getVersion(),
      tight.getVersion(),
    ]);
    expect(results.map(r => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('sends sync requests as JSON with the app namespace', async () => {
    let body: unknown;
    let contentType: string | null = null;
    server.use(
      http.post(
        `${URL_BASE}/api/v1/applications/:name/sync`,
        async ({ request, params }) => {
          body = await request.json();
          contentType = request.headers.get('content-type');
          return HttpResponse.json(variant(String(params.name)));
        },
      ),
    );
    const app = await new ArgoCdClient(runtime()).syncApplication(
      'team-a',
      'web',
      {
        revision: 'abc',
        prune: true,
      },
    );
    expect(app.metadata.name).toBe('web');
    expect(contentType).toBe('application/json');
    expect(body).toEqual({
      name: 'web',
      appNamespace: 'team-a',
      revision: 'abc',
      prune: true,
    });
  });
});
