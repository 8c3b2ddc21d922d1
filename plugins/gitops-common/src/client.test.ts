import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GitopsClient } from './client';

const BASE = 'http://backstage.test/api/gitops';

describe('GitopsClient', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new GitopsClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
  });
  const ref = { runtime: 'prod', namespace: 'team a', name: 'web/1' };

  it('encodes filters and path segments', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        seen.push(request.url.slice(BASE.length));
        return HttpResponse.json({ items: [], errors: [] });
      }),
    );
    await client.getApplications({
      product: 'pay ments',
      health: 'Degraded',
      q: '',
    });
    await client.getApplication(ref);
    await client.getRevisionMetadata(ref, 'abc', { sourceIndex: 1 });
    expect(seen).toEqual([
      '/applications?product=pay+ments&health=Degraded',
      '/applications/prod/team%20a/web%2F1',
      '/applications/prod/team%20a/web%2F1/revisions/abc/metadata?sourceIndex=1',
    ]);
  });

  it('builds the delivery paths', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        seen.push(request.url.slice(BASE.length));
        return HttpResponse.json({ items: [], errors: [] });
      }),
    );
    await client.getEnvironments();
    await client.getProducts({ owner: 'group:default/team a', q: 'pay' });
    await client.getProduct('pay/ments');
    await client.getEnvironmentDiff('payments', 'staging', 'prod eu');
    await client.getConfigStatus();
    expect(seen).toEqual([
      '/environments',
      '/products?owner=group%3Adefault%2Fteam+a&q=pay',
      '/products/pay%2Fments',
      '/products/payments/diff?from=staging&to=prod+eu',
      '/config/status',
    ]);
  });

  it('builds the insights paths, and the DORA CSV link without the rows of a bucket', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        seen.push(request.url.slice(BASE.length));
        return HttpResponse.json({});
      }),
    );
    await client.getDoraMetrics({
      product: 'payments',
      owner: '',
      from: '2026-03-01',
      bucket: 'week',
      deployments: '2026-03-02',
    });
    await client.findChange('PAY-123 fix');
    expect(seen).toEqual([
      '/metrics/dora?product=payments&from=2026-03-01&bucket=week&deployments=2026-03-02',
      '/changes?q=PAY-123+fix',
    ]);
    await expect(
      client.getDoraCsvUrl({
        owner: 'group:default/payments-team',
        deployments: '2026-03-02',
      }),
    ).resolves.toBe(
      `${BASE}/metrics/dora?owner=group%3Adefault%2Fpayments-team&format=csv`,
    );
  });

  it('posts actions as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${BASE}/applications/prod/argocd/web/sync`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            action: 'sync',
            application: { name: 'web' },
          });
        },
      ),
    );
    const result = await client.syncApplication(
      { runtime: 'prod', namespace: 'argocd', name: 'web' },
      { prune: true },
    );
    expect(body).toEqual({ prune: true });
    expect(result.action).toBe('sync');
  });

  it('throws ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${BASE}/runtimes/nope`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: "Unknown runtime 'nope'" },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client.getRuntime('nope').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe("Unknown runtime 'nope'");
  });
});
