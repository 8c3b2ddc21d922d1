import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import { waitFor } from '../__testUtils__/waitFor';
import {
  createWorld,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

jest.setTimeout(120_000);

/**
 * Argo CD in prod reports a synced revision the repository no longer has (its history was rewritten),
 * so Git cannot answer whether the promoted commit is in it. The step must fail with that Git error,
 * not wait for "Verification timed out".
 */
describe('a Git error while verifying a step', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      // prod's Argo CD never looks at Git on its own here: it keeps reporting the revision it synced.
      prodTimings: { pollIntervalMs: 3_600_000 },
    });
    backend = await startReadyBackend(world, {
      promotions: { verifyTimeout: '30s' },
      ready: { shop: { prod: '1.0.0', dev: '1.1.0' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('fails the step with the Git error, not a verification timeout', async () => {
    const synced = await world.manifests.git('rev-parse', 'main');
    // The same files under a new commit; the commit prod synced is gone from the repository.
    const rewritten = await world.manifests.git(
      'commit-tree',
      `${synced}^{tree}`,
      '-m',
      'history rewritten',
    );
    await world.manifests.git('update-ref', 'refs/heads/main', rewritten);
    await world.manifests.git('reflog', 'expire', '--expire=now', '--all');
    await world.manifests.git('gc', '--quiet', '--prune=now');
    await expect(
      world.manifests.git('cat-file', '-e', `${synced}^{commit}`),
    ).rejects.toThrow();
    // dev follows the rewrite (same files, so the same version); prod's Argo CD is not answering now.
    await waitFor(async () => {
      const res = await backend
        .api()
        .get('/api/gitops/applications?runtime=nonprod');
      return (res.body.items as ApplicationSummary[]).some(
        a => a.name === 'shop-api-dev' && a.sync.revision === rewritten,
      );
      // Dev's simulated Argo CD polls Git, auto-syncs and rolls out first: slow on a loaded machine.
    }, 80_000);
    world.prod.sim.faults.set({ mode: 'error', status: 503 });

    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const release = await waitForRelease(backend, created.body.releaseId, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    const [step] = release.steps;
    const promoted = step.applications[0].commitSha!;
    expect(promoted).toBe(await world.manifests.git('rev-parse', 'main'));
    expect(release.status).toBe('failed');
    expect(step.error).toMatch(
      new RegExp(
        `^shop-api-prod: Git could not tell whether ${synced.slice(
          0,
          7,
        )} \\(synced\\) contains ${promoted.slice(
          0,
          7,
        )} \\(promoted\\) in file://\\S+: .+`,
      ),
    );
    expect(step.error).not.toMatch(/timed out/);
  });
});
