import {
  productYaml,
  createWorld,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';
import { waitFor } from '../__testUtils__/waitFor';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

/** A local app-manifests repository keeps the commit statuses as Git notes in refs/notes/slipway. */
describe('commit statuses in a local repository', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      delivery: { 'products/shop.yaml': productYaml('shop') },
    });
    backend = await startReadyBackend(world, {
      config: { app: { baseUrl: 'http://localhost:3000' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('notes the promoted commit pending when committed and success when the step ends', async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    const sha = done.steps[0].applications[0].commitSha!;
    const page = `http://localhost:3000/gitops/releases/${id}`;
    // The listener runs after the change is stored; give it its turn. Git separates appended notes
    // with a blank line.
    const note = await waitFor(async () => {
      const text = await world.manifests
        .git('notes', '--ref=slipway', 'show', sha)
        .catch(() => '');
      return text.includes('success') && text;
    });
    expect(note.split('\n').filter(Boolean)).toEqual([
      `slipway/prod: pending — Deploying shop 1.1.0 to prod ${page}`,
      `slipway/prod: success — shop 1.1.0 runs in prod ${page}`,
    ]);
    // The note is on the commit Slipway wrote, which the branch still points at.
    expect(await world.manifests.git('rev-parse', 'main')).toBe(sha);
  });
});
