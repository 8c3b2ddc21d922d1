import {
  createWorld,
  prodFlowYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const SOAK_MS = 5_000;

const FLOW = prodFlowYaml('shop-flow', {
  post: [{ type: 'soak', duration: `${SOAK_MS / 1000}s` }],
});

/** The soak gate as the engine runs it: a verified release waits out the soak, then succeeds. */
describe('a soak gate', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      delivery: {
        'products/shop.yaml': productYaml('shop', { flows: ['shop-flow'] }),
        'flows/shop-flow.yaml': FLOW,
      },
    });
    backend = await startReadyBackend(world);
  });

  afterAll(() => stopWorld(world, backend));

  it('holds a verified release for the soak after verification, then finishes it', async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;

    const soaking = await waitForRelease(
      backend,
      id,
      r =>
        ['succeeded', 'failed'].includes(r.status) ||
        r.steps[0].gates.some(g => g.status === 'waiting'),
    );
    expect(soaking.status).toBe('waiting');
    const [app] = soaking.steps[0].applications;
    // Verified first: the application is healthy on the new commit before the soak holds.
    expect(app).toMatchObject({ status: 'healthy', health: 'Healthy' });
    expect(app.syncedRevision).toBe(app.commitSha);
    const [gate] = soaking.steps[0].gates;
    expect(gate).toMatchObject({
      type: 'soak',
      phase: 'post',
      status: 'waiting',
      reason: `Soaking for ${SOAK_MS / 1000}s after verification`,
    });
    // Counted from the end of verification, on the engine's clock.
    expect(
      Date.parse(gate.until!) - Date.parse(app.finishedAt!),
    ).toBeGreaterThanOrEqual(SOAK_MS);

    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].gates[0]).toMatchObject({
      type: 'soak',
      status: 'passed',
      until: gate.until,
    });
    // Not before the soak ended.
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(
      Date.parse(gate.until!),
    );
    // One commit: the soak holds the release, it does not promote again.
    expect(done.steps[0].applications[0].commitSha).toBe(app.commitSha);
  });
});
