import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMigrations } from '../database/migrate';
import {
  createWorld,
  startWorldBackend,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('a backend restart in the middle of a release', () => {
  let world: World;
  let backend: WorldBackend | undefined;

  beforeAll(async () => {
    // Prod takes a few seconds to sync, so the release sits in `syncing` long enough to stop it there.
    world = await createWorld({ prodTimings: { syncDelayMs: 4_000 } });
  });

  afterAll(async () => {
    await backend?.stop();
    await world?.close();
  });

  it('resumes where it stopped and does not commit twice', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    backend = await startWorldBackend(world, knex, { claimTimeout: 2_000 });
    await waitForVersion(backend, 'shop', 'dev', '1.1.0');

    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    const syncing = await waitForRelease(backend, id, r =>
      ['syncing', 'verifying', 'succeeded', 'failed'].includes(
        r.steps[0].status,
      ),
    );
    expect(syncing.steps[0].status).toBe('syncing');
    const commit = syncing.steps[0].applications[0].commitSha;
    await backend.stop();
    backend = undefined;

    // A new backend on the same database picks the release up.
    backend = await startWorldBackend(world, knex, { claimTimeout: 2_000 });
    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].applications[0]).toMatchObject({
      commitSha: commit,
      syncedRevision: commit,
      status: 'healthy',
    });
    const log = await world.manifests.git(
      'log',
      '--format=%(trailers:key=Slipway-Release,valueonly,separator=)',
      'main',
    );
    expect(log.split('\n').filter(line => line === id)).toHaveLength(1);
  });
});
