import request from 'supertest';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

describe('GET /api/v1/applications', () => {
  let sim: RunningSimulator;
  const api = (query: string) =>
    request(sim.url)
      .get(`/api/v1/applications${query}`)
      .set('Authorization', 'Bearer t');

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'list',
      tokens: ['t'],
      syntheticApplications: 200,
    });
  });

  afterAll(() => sim.close());

  const names = (body: { items: { metadata: { name: string } }[] | null }) =>
    (body.items ?? []).map(i => i.metadata.name);

  it('sorts by name and filters by selector, name, projects and repo', async () => {
    const all = (await api('').expect(200)).body;
    expect(all.items).toHaveLength(200);
    expect(names(all)).toEqual([...names(all)].sort());
    expect(Object.keys(all)).toEqual(['metadata', 'items']);

    const prod = names(
      (await api('?selector=slipway.dev/environment%3Dprod').expect(200)).body,
    );
    expect(prod).toHaveLength(50);
    expect(prod.every(n => n.endsWith('-prod'))).toBe(true);
    const notProd = names(
      (
        await api(
          '?selector=slipway.dev/environment%20notin%20(prod,dev)',
        ).expect(200)
      ).body,
    );
    expect(notProd).toHaveLength(100);
    const product = (
      await api(
        '?selector=app.kubernetes.io/part-of%20in%20(product-0),slipway.dev/environment!%3Dqa',
      ).expect(200)
    ).body;
    expect(names(product)).toHaveLength(15);

    expect(
      names((await api('?name=payments-api-qa').expect(200)).body),
    ).toEqual(['payments-api-qa']);
    expect(
      (await api('?projects=production').expect(200)).body.items,
    ).toHaveLength(50);
    expect(
      (await api('?projects=production&projects=default').expect(200)).body
        .items,
    ).toHaveLength(200);
    expect(
      (
        await api(
          '?repo=https://git.synthetic.invalid/product-0/deploy.git',
        ).expect(200)
      ).body.items,
    ).toHaveLength(20);
    expect(
      (await api('?appNamespace=argocd').expect(200)).body.items,
    ).toHaveLength(200);
  });

  it('returns items: null when nothing matches', async () => {
    const empty = (await api('?selector=team%3Dnobody').expect(200)).body;
    expect(empty).toEqual({
      metadata: { resourceVersion: expect.any(String) },
      items: null,
    });
  });

  it('answers 400 for a selector that does not parse', async () => {
    const res = await api('?selector=env%20in%20(a').expect(400);
    expect(res.body.code).toBe(3);
    expect(res.body.message).toMatch(/^error parsing the selector: /);
  });

  it('projects fields, keeps list metadata and matches the full items', async () => {
    const fields =
      'items.metadata.name,items.metadata.annotations,items.status.sync.status,items.status.health,items.status.summary';
    const projected = (await api(`?fields=${fields}`).expect(200)).body;
    const full = (await api('').expect(200)).body;
    expect(Object.keys(projected)).toEqual(['items', 'metadata']);
    expect(projected.metadata.resourceVersion).toBe(
      full.metadata.resourceVersion,
    );
    projected.items.forEach((item: Record<string, any>, i: number) => {
      expect(Object.keys(item).sort()).toEqual(['metadata', 'status']);
      expect(item.metadata).toEqual({
        name: full.items[i].metadata.name,
        annotations: full.items[i].metadata.annotations,
      });
      expect(item.status.sync).toEqual({
        status: full.items[i].status.sync.status,
      });
      expect(item.status.health).toEqual(full.items[i].status.health);
      expect(item.spec).toBeUndefined();
      expect(item.status.history).toBeUndefined();
    });
    const healthMix = new Set(
      projected.items.map((i: any) => i.status.health.status),
    );
    expect(healthMix.size).toBeGreaterThan(2);
    expect(
      new Set(projected.items.map((i: any) => i.status.sync.status)),
    ).toEqual(new Set(['Synced', 'OutOfSync']));
  });
});
