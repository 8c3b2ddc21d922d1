import type { ReleaseSummary } from '@slipway/plugin-gitops-common';
import { waitFor } from '../__testUtils__/waitFor';
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const FLOW = `apiVersion: slipway.dev/v1alpha1
kind: PromotionFlow
metadata:
  name: multi-flow
spec:
  trigger: { environment: dev, mode: automatic }
  steps:
    - environment: staging
    - environment: prod
      dependsOn: [staging]
`;

describe('an automatic flow release', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      manifests: {
        ...appFiles('multi-api', 'dev', '2.0.0'),
        ...appFiles('multi-api', 'staging', '1.0.0'),
        // Prod's values have no image mapping: its promotion fails until someone fixes the file.
        'apps/multi-api/prod/Chart.yaml':
          'apiVersion: v2\nname: multi-api\nversion: 0.1.0\n',
        'apps/multi-api/prod/values.yaml': 'replicaCount: 2\n',
      },
      delivery: {
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'multi-dev',
        ]),
        'environments/staging.yaml': environmentYaml('staging', 2, 'nonprod', [
          'multi-staging',
        ]),
        'products/multi.yaml': productYaml('multi', { flows: ['multi-flow'] }),
        'flows/multi-flow.yaml': FLOW,
      },
      nonprodApps: [
        application(WORLD_REPO, 'multi', 'multi-api', 'dev', 'multi-dev'),
        application(
          WORLD_REPO,
          'multi',
          'multi-api',
          'staging',
          'multi-staging',
        ),
      ],
      prodApps: [
        application(WORLD_REPO, 'multi', 'multi-api', 'prod', 'multi'),
      ],
    });
    backend = await startReadyBackend(world, {
      promotions: { schedulerFrequency: 1000 },
      // The flow starts by itself as soon as dev runs 2.0.0: the test waits for that, not the board.
      ready: {},
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('starts by itself, fails at prod, and a retry resumes at prod without redoing staging', async () => {
    // The engine starts the flow once the trigger environment runs 2.0.0 healthy.
    const started = await waitFor(async () => {
      const res = await backend.api().get('/api/gitops/releases?product=multi');
      const [first] = res.body.items as ReleaseSummary[];
      if (first) return first;
      await Promise.all([backend.refresh('nonprod'), backend.refresh('prod')]);
      return false;
    }, 45_000);
    expect(started).toMatchObject({
      kind: 'flow',
      flow: 'multi-flow',
      version: '2.0.0',
      initiator: 'engine',
      sourceEnvironment: 'dev',
    });

    const failed = await waitForRelease(backend, started.id, r =>
      ['failed', 'succeeded'].includes(r.status),
    );
    expect(failed.status).toBe('failed');
    expect(failed.environments).toEqual([
      { environment: 'staging', status: 'succeeded' },
      { environment: 'prod', status: 'failed' },
    ]);
    expect(failed.error).toMatch(/prod: multi-api-prod: .*image/);
    const stagingCommit = failed.steps[0].applications[0].commitSha;
    expect(stagingCommit).toMatch(/^[0-9a-f]{40}$/);

    // Someone fixes prod's values; the retry picks up at prod.
    await world.manifests.seed(
      {
        'apps/multi-api/prod/values.yaml':
          'replicaCount: 2\nimage:\n  repository: ghcr.io/slipway-test/multi-api\n  tag: "1.0.0" # prod tag\n',
      },
      'give prod an image tag',
    );
    const retried = await backend
      .api()
      .post(`/api/gitops/releases/${started.id}/retry`)
      .send({});
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('running');
    expect(retried.body.environments).toEqual([
      { environment: 'staging', status: 'succeeded' },
      { environment: 'prod', status: 'pending' },
    ]);

    const done = await waitForRelease(backend, started.id, r =>
      ['failed', 'succeeded'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].applications[0].commitSha).toBe(stagingCommit);
    const trailers = (
      await world.manifests.git(
        'log',
        '--format=%H %(trailers:key=Slipway-Release,valueonly,separator=)',
        'main',
      )
    )
      .split('\n')
      .filter(line => line.endsWith(started.id));
    // One commit for staging, one for prod: staging was not committed again.
    expect(trailers).toHaveLength(2);
    expect(
      await world.manifests.git('show', 'main:apps/multi-api/prod/values.yaml'),
    ).toContain('tag: "2.0.0" # prod tag');

    // The version is started once only.
    const all = await backend.api().get('/api/gitops/releases?product=multi');
    expect(all.body.items).toHaveLength(1);
    expect(
      (
        await backend
          .api()
          .post(`/api/gitops/releases/${started.id}/retry`)
          .send({})
      ).status,
    ).toBe(409);
  });
});
