import http from 'node:http';
import request from 'supertest';
import { startSimulator } from './startSimulator';
import type { RunningSimulator } from './types';

/** A plain GET that resolves with the outcome instead of throwing, to observe dropped connections. */
function rawGet(
  url: string,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise(resolve => {
    const req = http.get(
      url,
      { headers: { Authorization: 'Bearer t' } },
      res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', error =>
      resolve({
        error: (error as NodeJS.ErrnoException).code ?? error.message,
      }),
    );
  });
}

describe('faults', () => {
  let sim: RunningSimulator;
  const api = (path: string) =>
    request(sim.url).get(path).set('Authorization', 'Bearer t');

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'faults',
      tokens: ['t'],
      syntheticApplications: 12,
      components: { rollouts: true },
    });
  });

  afterEach(() => sim.faults.reset());
  afterAll(() => sim.close());

  it('down: Argo CD API requests see a dropped connection, admin endpoints keep working', async () => {
    await request(sim.url)
      .put('/__admin/faults')
      .send({ mode: 'down' })
      .expect(200);
    const outcome = await rawGet(`${sim.url}/api/v1/applications`);
    expect(outcome.error).toBe('ECONNRESET');
    expect((await rawGet(`${sim.url}/api/version`)).error).toBe('ECONNRESET');
    expect(
      (await request(sim.url).get('/__admin/faults').expect(200)).body,
    ).toEqual({ mode: 'down' });
    await request(sim.url)
      .put('/__admin/faults')
      .send({ mode: 'none' })
      .expect(200);
    expect((await rawGet(`${sim.url}/api/v1/applications`)).status).toBe(200);
  });

  it('slow: every Argo CD API response waits delayMs, admin endpoints answer at once', async () => {
    sim.faults.set({ mode: 'slow', delayMs: 2_000 });
    const answered: string[] = [];
    const slow = api('/api/v1/applications')
      .expect(200)
      .then(() => answered.push('api'));
    // Asked after the API request, answered before it.
    await request(sim.url).get('/__admin/state').expect(200);
    answered.push('admin');
    await slow;
    expect(answered).toEqual(['admin', 'api']);
  });

  it('error: 5xx with an Argo CD error body', async () => {
    await request(sim.url)
      .put('/__admin/faults')
      .send({ mode: 'error', status: 503 })
      .expect(200);
    const res = await api('/api/v1/applications').expect(503);
    expect(res.body).toEqual({
      error: expect.any(String),
      code: 14,
      message: expect.any(String),
    });
    sim.faults.set({ mode: 'error', status: 500 });
    expect(
      (await api('/api/v1/applications/payments-api-dev').expect(500)).body
        .code,
    ).toBe(13);
    sim.faults.set({ mode: 'error' });
    await api('/api/version').expect(503);
  });

  it('malformed: 200 with a body that is not JSON, or JSON of the wrong shape', async () => {
    sim.faults.set({ mode: 'malformed' });
    const truncated = await rawGet(`${sim.url}/api/v1/applications`);
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.body!)).toThrow();
    sim.faults.set({ mode: 'malformed', malformed: 'wrong-shape' });
    const wrong = JSON.parse(
      (await rawGet(`${sim.url}/api/v1/applications`)).body!,
    );
    expect(Array.isArray(wrong.items)).toBe(false);
  });

  it('rejects an invalid fault', async () => {
    const res = await request(sim.url)
      .put('/__admin/faults')
      .send({ mode: 'explode' })
      .expect(400);
    expect(res.body.error).toMatch(/mode must be one of/);
    expect(() => sim.faults.set({ mode: 'error', status: 200 })).toThrow(
      /status must be/,
    );
  });

  it('degrades one app (admin and library) and heals it again', async () => {
    const res = await request(sim.url)
      .post('/__admin/applications/payments-api-dev/health')
      .send({ status: 'Degraded', message: 'CrashLoopBackOff' })
      .expect(200);
    expect(res.body.health.status).toBe('Degraded');
    const app = (await api('/api/v1/applications/payments-api-dev').expect(200))
      .body;
    expect(app.status.health).toMatchObject({
      status: 'Degraded',
      message: 'CrashLoopBackOff',
    });
    const tree = (
      await api('/api/v1/applications/payments-api-dev/resource-tree').expect(
        200,
      )
    ).body;
    const pod = tree.nodes.find((n: { kind: string }) => n.kind === 'Pod');
    expect(pod.health.status).toBe('Degraded');
    expect(pod.info).toEqual(
      expect.arrayContaining([
        { name: 'Status Reason', value: 'CrashLoopBackOff' },
      ]),
    );
    expect(
      (await api('/api/v1/applications/payments-api-qa').expect(200)).body
        .status.health.status,
    ).not.toBe('Degraded');

    sim.faults.setApplicationHealth('payments-api-dev', { status: 'Healthy' });
    expect(
      (await api('/api/v1/applications/payments-api-dev').expect(200)).body
        .status.health.status,
    ).not.toBe('Degraded');
    await request(sim.url)
      .post('/__admin/applications/ghost/health')
      .send({ status: 'Degraded' })
      .expect(404);
    await request(sim.url)
      .post('/__admin/applications/payments-api-dev/health')
      .send({ status: 'Sad' })
      .expect(400);
  });

  it('reports a component not ready or missing on the Kubernetes API', async () => {
    const kube = (path: string) => request(sim.kubernetesUrl).get(path);
    const before = (
      await kube(
        '/apis/apps/v1/namespaces/argocd/deployments/argocd-repo-server',
      ).expect(200)
    ).body;
    expect(before.status).toMatchObject({
      readyReplicas: 1,
      availableReplicas: 1,
    });

    await request(sim.url)
      .post('/__admin/components/argocd-repo-server')
      .send({ state: 'notReady' })
      .expect(200);
    const notReady = (
      await kube(
        '/apis/apps/v1/namespaces/argocd/deployments/argocd-repo-server',
      ).expect(200)
    ).body;
    expect(notReady.status.readyReplicas).toBeUndefined();
    expect(notReady.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Available', status: 'False' }),
      ]),
    );

    sim.faults.setComponentState('argocd-application-controller', 'missing');
    const missing = await kube(
      '/apis/apps/v1/namespaces/argocd/statefulsets/argocd-application-controller',
    ).expect(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    expect(
      (await kube('/apis/apps/v1/namespaces/argocd/statefulsets').expect(200))
        .body.items,
    ).toHaveLength(0);
    expect(() =>
      sim.faults.setComponentState('argocd-nope', 'missing'),
    ).toThrow(/unknown component/);

    sim.faults.reset();
    await kube(
      '/apis/apps/v1/namespaces/argocd/statefulsets/argocd-application-controller',
    ).expect(200);
  });

  it('GET /__admin/state describes faults, components and apps', async () => {
    const state = (await request(sim.url).get('/__admin/state').expect(200))
      .body;
    expect(state).toMatchObject({ name: 'faults', faults: { mode: 'none' } });
    expect(state.components['argo-rollouts']).toBe('ready');
    expect(state.applications).toHaveLength(12);
  });

  it('POST /__admin/synthetic replaces the synthetic apps', async () => {
    await request(sim.url)
      .post('/__admin/synthetic')
      .send({ count: 30 })
      .expect(200);
    expect(
      (await api('/api/v1/applications').expect(200)).body.items,
    ).toHaveLength(30);
    await request(sim.url)
      .post('/__admin/synthetic')
      .send({ count: 12 })
      .expect(200);
    expect(
      (await api('/api/v1/applications').expect(200)).body.items,
    ).toHaveLength(12);
    await request(sim.url)
      .post('/__admin/synthetic')
      .send({ count: -1 })
      .expect(400);
  });
});
