import type { AuditEvent, Release } from '@slipway/plugin-gitops-common';
import { setupServer } from 'msw/node';
import { FakeGithub } from '../git/__testUtils__/fakeGithub';
import {
  GITHUB_REPO,
  createGithubWorld,
  githubBackendOptions,
} from './__testUtils__/githubWorld';
import {
  valuesYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const TOKEN = 'ghp_promotionT0ken';

/**
 * Product `web` of the GitHub world: prod reads a GitHub repository served by msw. The simulator
 * reads only local repositories, so prod never syncs here: these tests follow the release up to the
 * point where Argo CD would take over.
 */
describe('promotions into a GitHub repository', () => {
  const server = setupServer();
  const github = new FakeGithub({ token: TOKEN });
  const asked: string[] = [];
  let world: World;
  let backend: WorldBackend;

  /** A backend that just started on a fresh database: it remembers nothing about GitHub. */
  const startBackend = (devVersion: string) =>
    startReadyBackend(
      world,
      githubBackendOptions(TOKEN, {
        devVersion,
        promotions: { pullRequestPollInterval: 200 },
      }),
    );

  beforeAll(async () => {
    world = await createGithubWorld(server, github, asked);
    backend = await startBackend('2.1.0');
  });

  afterAll(async () => {
    await stopWorld(world, backend);
    server.close();
  });

  it('opens a pull request, waits for its merge, records the merge commit and moves on to syncing', async () => {
    const head = github.head('main');
    const created = await backend
      .api()
      .post('/api/gitops/products/web/promotions')
      .send({ from: 'dev', to: 'prod', action: 'pull-request' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;

    const waiting = await waitForRelease(
      backend,
      id,
      r => r.status === 'waiting' || r.status === 'failed',
    );
    expect(waiting.status).toBe('waiting');
    const [app] = waiting.steps[0].applications;
    expect(app).toMatchObject({
      status: 'pull-request-open',
      pullRequest: {
        url: 'https://github.com/acme/manifests/pull/1',
        number: 1,
        state: 'open',
      },
    });
    // Nothing lands on main before the merge; the change waits on the pull request's branch.
    expect(github.head('main')).toBe(head);
    expect(asked).toContain('mock-gh');

    const mergeSha = github.merge(1);
    const merged: Release = await waitForRelease(
      backend,
      id,
      r => r.steps[0].applications[0].status !== 'pull-request-open',
    );
    // Recorded as merged with the merge commit as the revision to verify, then on to syncing at once.
    expect(merged.steps[0].applications[0]).toMatchObject({
      commitSha: mergeSha,
      pullRequest: { number: 1, state: 'merged' },
    });
    expect(['merged', 'syncing', 'verifying']).toContain(
      merged.steps[0].applications[0].status,
    );
    await waitForRelease(backend, id, r =>
      ['syncing', 'verifying'].includes(r.steps[0].status),
    );
    expect(github.files('main')['apps/web-api/prod/values.yaml']).toContain(
      '  # the tag promotions move\n  tag: "2.1.0"',
    );
    expect(github.invalidRequests).toEqual([]);
    // The simulator cannot sync from GitHub, so verification would only time out: the test ends here
    // (the next test supersedes the release).
  });

  it('commits a single-application promotion with at most 6 GitHub API calls, starting cold', async () => {
    await world.manifests.seed(
      { 'apps/web-api/dev/values.yaml': valuesYaml('web-api', 'dev', '2.2.0') },
      'dev runs web 2.2.0',
    );
    // Cold: the permission answer, logins and branch heads of the first test are not remembered.
    await backend.stop();
    backend = await startBackend('2.2.0');

    // Every request to GitHub, whichever handler answers it.
    const requests: string[] = [];
    const count = ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      if (url.hostname === 'api.github.com') {
        requests.push(`${request.method} ${url.pathname}`);
      }
    };
    server.events.on('request:start', count);
    const before = github.calls.length;
    const askedBefore = asked.length;
    const created = await backend
      .api()
      .post('/api/gitops/products/web/promotions')
      .send({ from: 'dev', to: 'prod', action: 'commit' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    const landed = await waitForRelease(
      backend,
      id,
      r =>
        r.status === 'failed' ||
        r.steps[0].applications[0].commitSha !== undefined,
    );
    server.events.removeListener('request:start', count);
    const sha = landed.steps[0].applications[0].commitSha;
    expect(sha).toBe(github.head('main'));
    expect(github.files('main')['apps/web-api/prod/values.yaml']).toContain(
      'tag: "2.2.0"',
    );

    // The commit status marking the commit (at most 2 per application and step) is counted apart.
    const isStatus = (call: string) => call.includes('/statuses/');
    const calls = github.calls
      .slice(before)
      .map(c => c.operationId)
      .filter(op => op !== 'repos/create-commit-status');
    const writes = requests.filter(r => !isStatus(r));
    // Asked once: nothing was remembered.
    expect(asked.length - askedBefore).toBe(1);
    expect(writes).toHaveLength(calls.length + 1);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(requests.filter(isStatus).length).toBeLessThanOrEqual(1);
    // eslint-disable-next-line no-console
    console.log(
      `GitHub API calls for one single-application commit promotion, cold: ${
        writes.length
      } (permission check, ${calls.join(', ')})`,
    );

    expect(github.invalidRequests).toEqual([]);
    const audit = await backend
      .api()
      .get(`/api/gitops/audit?action=git.commit&product=web`);
    expect(
      (audit.body.items as AuditEvent[]).find(e => e.releaseId === id),
    ).toMatchObject({
      outcome: 'succeeded',
      commitSha: sha,
      repository: GITHUB_REPO,
    });
  });
});
