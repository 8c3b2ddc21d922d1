import {
  createWorld,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

jest.setTimeout(120_000);

/** `shop` runs in dev (runtime nonprod); prod's runtime is down from the start, so nothing is known there. */
describe('a promotion into an environment whose runtime does not answer', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld();
    world.prod.sim.faults.set({ mode: 'error', status: 503 });
    backend = await startReadyBackend(world, {
      ready: { shop: { dev: '1.1.0' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('is a 503 naming the runtime, not a 400 saying the product has no applications there', async () => {
    for (const path of ['promotions', 'promotions/preview']) {
      const res = await backend
        .api()
        .post(`/api/gitops/products/shop/${path}`)
        .send({ from: 'dev', to: 'prod' });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /^Cannot tell which applications of 'shop' run in prod: runtime 'prod' did not answer \(.+\)$/,
      );
    }
    const releases = await backend
      .api()
      .get('/api/gitops/releases?product=shop');
    expect(releases.body.items).toEqual([]);
  });

  it('promotes once the runtime answers again', async () => {
    world.prod.sim.faults.reset();
    await backend.refresh('prod');
    const res = await backend
      .api()
      .post('/api/gitops/products/shop/promotions/preview')
      .send({ from: 'dev', to: 'prod' });
    expect(res.status).toBe(200);
  });
});
