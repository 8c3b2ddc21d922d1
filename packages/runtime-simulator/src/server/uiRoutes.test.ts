import request from 'supertest';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

jest.setTimeout(20_000);

describe("Argo CD's application page", () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'ui',
      tokens: ['static-token'],
      syntheticApplications: 2,
    });
  });

  afterAll(() => sim.close());

  it('serves a read-only page for an application at the UI path, without sign-in', async () => {
    const list = await request(sim.url)
      .get('/api/v1/applications')
      .set('Authorization', 'Bearer static-token')
      .expect(200);
    const { name, namespace } = list.body.items[0].metadata;
    const page = await request(sim.url)
      .get(`/applications/${namespace}/${name}`)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(page.text).toContain(`<h1>${name}</h1>`);
    expect(page.text).toMatch(/<th>Health<\/th><td>\w+<\/td>/);
  });

  it('answers 404 for an application it does not have', async () => {
    await request(sim.url).get('/applications/argocd/nothing-here').expect(404);
  });
});
