import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuditEvent, Release } from '@slipway/plugin-gitops-common';
// The gitops backend's own test world: a real local delivery repository and simulated Argo CD
// runtimes. The test starts the plugin this module extends, so it imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  productYaml,
  startReadyBackend,
  stopWorld,
  waitFor,
  waitForRelease,
  World,
  WorldBackend,
} from '@slipway/plugin-gitops-backend/testUtils';
import { setupServer } from 'msw/node';
import {
  GitlabDouble,
  PROJECT,
  PROJECT_URL,
} from './__testUtils__/gitlabDouble';
import { gitlabConfig, userEntity } from './__testUtils__/gitlabWorld';
import { gitopsModuleGitlab } from './module';

// Generous: CI runs many test files at once and the backend waits on simulator refreshes.
jest.setTimeout(120_000);

const VALUES = 'apps/mill-api/prod/values.yaml';

describe('the GitLab module in the gitops backend', () => {
  const server = setupServer();
  const double = new GitlabDouble(appFiles('mill-api', 'prod', '2.0.0'));
  double.addUser('dana', 30);
  double.addUser('rae', 20);
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    server.use(...double.handlers());
    // Only GitLab is the double; the simulated runtimes and the test's own requests go through.
    server.listen({ onUnhandledRequest: 'bypass' });
    world = await createWorld({
      manifests: appFiles('mill-api', 'dev', '2.1.0'),
      delivery: {
        'products/mill.yaml': productYaml('mill'),
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'mill-dev',
        ]),
      },
      // mill's dev lives in the local manifests repository, its prod in a GitLab project.
      nonprodApps: [
        application(WORLD_REPO, 'mill', 'mill-api', 'dev', 'mill-dev'),
      ],
      prodApps: [application(PROJECT_URL, 'mill', 'mill-api', 'prod', 'mill')],
    });
    backend = await startReadyBackend(world, {
      config: gitlabConfig(),
      features: [
        gitopsModuleGitlab,
        catalogServiceMock.factory({
          entities: [userEntity('dana', 'dana'), userEntity('rae', 'rae')],
        }),
      ],
      ready: { shop: { prod: '1.0.0' }, mill: { dev: '2.1.0' } },
    });
  });

  afterAll(async () => {
    await stopWorld(world, backend);
    server.close();
  });

  const promote = (user: string) =>
    backend
      .api()
      .post('/api/gitops/products/mill/promotions')
      .set('Authorization', mockCredentials.user.header(`user:default/${user}`))
      .send({ from: 'dev', to: 'prod' });

  it("refuses a Reporter with 403 and an audit row naming GitLab's access level; nothing is written", async () => {
    const head = double.head('main');
    const refused = await promote('rae');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Slipway will not write to ${PROJECT_URL} for user:default/rae: GitLab user 'rae' has Reporter (20) access to ${PROJECT}; Developer (30) is required (gitops.gitlab.minimumAccessLevel)`,
    );
    const audit = await backend
      .api()
      .get('/api/gitops/audit?action=promotion.create&product=mill');
    expect(audit.status).toBe(200);
    expect(audit.body.items as AuditEvent[]).toEqual([
      expect.objectContaining({
        actor: 'user:default/rae',
        outcome: 'denied',
        environment: 'prod',
        details: expect.objectContaining({
          error: expect.stringContaining('Reporter (20)'),
        }),
      }),
    ]);
    const releases = await backend
      .api()
      .get('/api/gitops/releases?product=mill');
    expect(releases.body.items).toEqual([]);
    expect(double.head('main')).toBe(head);
  });

  it("commits a Developer's promotion to the GitLab project in one commit, with Slipway's trailers and a pending commit status", async () => {
    const created = await promote('dana');
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    const release: Release = await waitForRelease(backend, id, r =>
      Boolean(r.steps[0]?.applications[0]?.commitSha),
    );
    const sha = release.steps[0].applications[0].commitSha!;
    expect(double.head('main')).toBe(sha);
    expect(double.fileAt('main', VALUES)).toContain('tag: "2.1.0"');
    const commit = double.commit(sha);
    expect(commit.changed).toEqual([VALUES]);
    expect(commit.message).toContain(`Slipway-Release: ${id}`);
    expect(commit.message).toContain('Slipway-Actor: user:default/dana');
    expect(double.forced).toBe(0);
    // The commit shows on GitLab where it deploys while the step verifies.
    await waitFor(
      async () =>
        double.statuses.get(`${sha} slipway/prod`)?.state === 'pending',
    );
  });
});
