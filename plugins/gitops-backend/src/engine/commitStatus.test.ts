import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGithub } from '../git/__testUtils__/fakeGithub';
import {
  createGithubWorld,
  githubBackendOptions,
} from './__testUtils__/githubWorld';
import {
  valuesYaml,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';
import { waitFor } from '../__testUtils__/waitFor';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const TOKEN = 'ghp_statusT0ken';
const PORTAL = 'https://portal.example.test';

/**
 * Product `web` of the GitHub world: dev from the local manifests repository, prod in a GitHub
 * repository served by msw. The simulator cannot sync from GitHub, so a release stays syncing until
 * it is terminated: the commit gets `pending` when committed and `failure` when the step ends.
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
    world = await createGithubWorld(server, github);
    backend = await startReadyBackend(
      world,
      githubBackendOptions(TOKEN, { config: { app: { baseUrl: PORTAL } } }),
    );
  });

  afterAll(async () => {
    await stopWorld(world, backend);
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
