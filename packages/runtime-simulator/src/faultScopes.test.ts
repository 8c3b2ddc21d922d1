import request from 'supertest';
import { startSimulator } from './startSimulator';
import type { RunningSimulator } from './types';

describe('faults scoped to one part of the runtime', () => {
  let sim: RunningSimulator;
  const api = (path: string) =>
    request(sim.url).get(path).set('Authorization', 'Bearer t');
  const kube = (path: string) => request(sim.kubernetesUrl).get(path);

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'scoped',
      tokens: ['t'],
      syntheticApplications: 2,
    });
  });

  afterEach(() => sim.faults.reset());
  afterAll(() => sim.close());

  it('path: only Argo CD API requests under that path fail', async () => {
    const [app] = (await api('/api/v1/applications').expect(200)).body.items;
    const name = app.metadata.name;
    await request(sim.url)
      .put('/__admin/faults')
      .send({ mode: 'error', status: 500, path: '/resource-tree' })
      .expect(200);
    await api(`/api/v1/applications/${name}`).expect(200);
    const tree = await api(`/api/v1/applications/${name}/resource-tree`).expect(
      500,
    );
    expect(tree.body).toMatchObject({
      message: 'simulated failure: Internal Server Error',
    });
    expect(() => sim.faults.set({ mode: 'error', path: 'tree' })).toThrow(
      'path must start with /',
    );
  });

  it('kubernetes forbidden: every Kubernetes read is a 403 Status naming what was refused', async () => {
    sim.faults.set({ mode: 'none', kubernetes: 'forbidden' });
    const res = await kube(
      '/apis/apps/v1/namespaces/argocd/deployments',
    ).expect(403);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message:
        'deployments.apps is forbidden: User "system:serviceaccount:slipway:slipway" cannot list resource "deployments" in API group "apps" in the namespace "argocd"',
    });
    // The Argo CD API is not affected.
    await api('/api/v1/applications').expect(200);
    sim.faults.reset();
    await kube('/apis/apps/v1/namespaces/argocd/deployments').expect(200);
  });
});
