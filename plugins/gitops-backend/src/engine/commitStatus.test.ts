import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { migratedDatabase } from '../database/__testUtils__/testDatabases';
import { FakeGithub } from '../git/__testUtils__/fakeGithub';
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  productYaml,
  startWorldBackend,
  valuesYaml,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { waitFor } from '../__testUtils__/waitFor';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const TOKEN = 'ghp_statusT0ken';
const GITHUB_REPO = 'https://github.com/acme/manifests';
const PORTAL = 'https://portal.example.test';

const mockUser: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'mock',
    namespace: 'default',
    annotations: { 'github.com/user-login': 'mock-gh' },
  },
  spec: {},
};

function collaborator() {
  return http.get(
    'https://api.github.com/repos/acme/manifests/collaborators/:username/permission',
    () =>
      HttpResponse.json({
        permission: 'write',
        role_name: 'write',
        user: { login: 'mock-gh' },
      }),
  );
}

/**
 * Product `web`: dev from the local manifests repository, prod in a GitHub repository served by msw.
 * The simulator cannot sync from GitHub, so a release stays syncing until it is terminated: the
 * commit gets `pending` when committed and `failure` when the step ends.
 */
describe('commit statuses on the promoted revision in GitHub', () => {
  const server = setupServer();
  const github = new FakeGithub({ token: TOKEN });
  let firstSha: string | undefined;
  /** The statuses asked for, oldest first: commit and request body. */
  const statuses = () =>
    github.calls
      .filter(c => c.operationId === 'repos/create-commit-status')
      .map(c => ({ sha: c.path.split('/').pop()!, body: c.body }));
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'bypass' });
    server.use(collaborator(), ...github.handlers());
    github.push(
      'main',
      appFiles('web-api', 'prod', '2.0.0'),
      'prod runs 2.0.0',
    );
    world = await createWorld({
      manifests: appFiles('web-api', 'dev', '2.1.0'),
      delivery: {
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'web-dev',
        ]),
        'products/web.yaml': productYaml('web', { concurrency: 'supersede' }),
      },
      nonprodApps: [
        application(WORLD_REPO, 'web', 'web-api', 'dev', 'web-dev'),
      ],
      prodApps: [application(GITHUB_REPO, 'web', 'web-api', 'prod', 'web')],
    });
    backend = await startWorldBackend(
      world,
      await migratedDatabase('SQLITE_3'),
      {},
      [
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [mockUser] }),
        }),
      ],
      {
        config: {
          app: { baseUrl: PORTAL },
          integrations: { github: [{ host: 'github.com', token: TOKEN }] },
        },
      },
    );
    await waitForVersion(backend, 'web', 'dev', '2.1.0');
  });

  afterAll(async () => {
    await backend?.stop();
    await world?.close();
    server.close();
  });

  const promote = async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/web/promotions')
      .send({ from: 'dev', to: 'prod', action: 'commit' });
    expect(created.status).toBe(202);
    const id: string = created.body.releaseId;
    const syncing = await waitForRelease(backend, id, r =>
      ['syncing', 'verifying', 'failed'].includes(r.steps[0].status),
    );
    expect(syncing.steps[0].status).not.toBe('failed');
    return { id, sha: syncing.steps[0].applications[0].commitSha! };
  };

  it('marks the commit pending once committed and failed when the step is stopped: two calls', async () => {
    const { id, sha } = await promote();
    expect(sha).toBe(github.head('main'));
    await waitFor(async () => statuses().length === 1);
    expect(statuses()[0]).toEqual({
      sha,
      body: {
        state: 'pending',
        context: 'slipway/prod',
        description: 'Deploying web 2.1.0 to prod',
        target_url: `${PORTAL}/gitops/releases/${id}`,
      },
    });

    const terminated = await backend
      .api()
      .post(`/api/gitops/releases/${id}/terminate`)
      .send({ reason: 'enough' });
    expect(terminated.status).toBe(200);
    await waitFor(async () => statuses().length === 2);
    expect(statuses()[1]).toEqual({
      sha,
      body: {
        state: 'failure',
        context: 'slipway/prod',
        description: 'web 2.1.0 was stopped in prod',
        target_url: `${PORTAL}/gitops/releases/${id}`,
      },
    });
    // The commit holds both, in the order they were set.
    expect(github.statuses(sha).map(st => st.state)).toEqual([
      'pending',
      'failure',
    ]);
    firstSha = sha;
    expect(github.invalidRequests).toEqual([]);
  });

  it('goes on with the release when GitHub refuses the status', async () => {
    await world.manifests.seed(
      { 'apps/web-api/dev/values.yaml': valuesYaml('web-api', 'dev', '2.2.0') },
      'dev runs web 2.2.0',
    );
    await waitForVersion(backend, 'web', 'dev', '2.2.0');
    github.beforeNext('repos/create-commit-status', () =>
      HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
    );
    const before = statuses().length;
    const { id, sha } = await promote();
    await waitFor(async () => statuses().length === before + 1);
    expect(statuses()[before]).toMatchObject({
      sha,
      body: { state: 'pending' },
    });
    expect(github.statuses(sha)).toEqual([]);
    const release = await backend.api().get(`/api/gitops/releases/${id}`);
    expect(release.body.status).toBe('running');
    expect(release.body.steps[0].error).toBeUndefined();
    await backend.api().post(`/api/gitops/releases/${id}/terminate`).send({});
    // The first release's commit was marked twice in all: at most two calls per application and step.
    expect(statuses().filter(st => st.sha === firstSha)).toHaveLength(2);
  });
});
