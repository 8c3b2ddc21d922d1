import type { Knex } from 'knex';
import { migratedDatabase } from '../database/__testUtils__/testDatabases';
import {
  createWorld,
  startWorldBackend,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

describe('a backend restart in the middle of a release', () => {
  let world: World;
  let backend: WorldBackend | undefined;

  beforeAll(async () => {
    // Prod takes a few seconds to sync, so the release sits in `syncing` long enough to stop it there.
    world = await createWorld({ prodTimings: { syncDelayMs: 4_000 } });
  });

  afterAll(() => stopWorld(world, backend));

  it('resumes where it stopped and does not commit twice', async () => {
    const knex = await migratedDatabase('SQLITE_3');
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

describe('recovering a release', () => {
  let world: World;
  let backend: WorldBackend;
  let knex: Knex;

  beforeAll(async () => {
    world = await createWorld();
    knex = await migratedDatabase('SQLITE_3');
    backend = await startReadyBackend(world, {
      knex,
      promotions: { verifyTimeout: 2_000 },
      ready: { shop: { dev: '1.1.0' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('fails verification after the timeout with what Argo CD reports, and a retry verifies again without committing again', async () => {
    world.prod.sim.faults.setApplicationHealth('shop-api-prod', {
      status: 'Degraded',
      message: 'CrashLoopBackOff',
    });
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    const id = created.body.releaseId;
    const failed = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(failed.status).toBe('failed');
    const commit = failed.steps[0].applications[0].commitSha!;
    expect(failed.steps[0].error).toBe(
      `Verification timed out after 2 s: shop-api-prod is Synced/Degraded at ${commit.slice(
        0,
        7,
      )}, expected Synced/Healthy at ${commit.slice(0, 7)}`,
    );

    world.prod.sim.faults.setApplicationHealth('shop-api-prod', undefined);
    expect(
      (await backend.api().post(`/api/gitops/releases/${id}/retry`).send({}))
        .status,
    ).toBe(200);
    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].applications[0].commitSha).toBe(commit);
    expect(await world.manifests.git('rev-parse', 'main')).toBe(commit);
  });

  it('finds its commit by the trailer when it stopped after the commit landed but before saving it', async () => {
    const [latest] = (
      await backend.api().get('/api/gitops/releases?product=shop&limit=1')
    ).body.items;
    const head = await world.manifests.git('rev-parse', 'main');
    // Put the release back to the moment the commit had landed and nothing was saved yet.
    const row = await knex('gitops_releases').where({ id: latest.id }).first();
    const steps = JSON.parse(row.steps);
    steps[0].status = 'committing';
    delete steps[0].finishedAt;
    const [app] = steps[0].applications;
    app.status = 'committing';
    delete app.commitSha;
    delete app.expectedRevision;
    await knex('gitops_releases')
      .where({ id: latest.id })
      .update({
        status: 'running',
        steps: JSON.stringify(steps),
        finished_at: null,
        next_run_at: new Date(),
      });

    // The scheduler's next run finds it due.
    await backend.runTask('gitops-promotion-engine');
    const done = await waitForRelease(
      backend,
      latest.id,
      r => r.status === 'succeeded' && r.steps[0].status === 'succeeded',
    );
    expect(done.steps[0].applications[0].commitSha).toBe(head);
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
  });
});
