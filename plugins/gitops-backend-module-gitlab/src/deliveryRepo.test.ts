import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { AuditPage } from '@slipway/plugin-gitops-common';
import {
  GitProvider,
  gitopsGitProvidersExtensionPoint,
} from '@slipway/plugin-gitops-node';
// The gitops backend plugin this module extends, started for real.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  environmentYaml,
  gitopsPlugin,
  migratedDatabase,
  productYaml,
  waitFor,
} from '@slipway/plugin-gitops-backend/testUtils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { GitlabDouble, PROJECT_URL } from './__testUtils__/gitlabDouble';
import { gitlabConfig } from './__testUtils__/gitlabWorld';
import { gitopsModuleGitlab } from './module';

jest.setTimeout(120_000);

describe('adding the GitLab module', () => {
  /** A stand-in gitops plugin that only records the providers modules add. */
  const recordingPlugin = (added: GitProvider[]) =>
    createBackendPlugin({
      pluginId: 'gitops',
      register(env) {
        env.registerExtensionPoint(gitopsGitProvidersExtensionPoint, {
          addProvider: (...providers) => added.push(...providers),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

  it('adds nothing when no GitLab integration has a token', async () => {
    const added: GitProvider[] = [];
    const backend = await startTestBackend({
      features: [
        recordingPlugin(added),
        gitopsModuleGitlab,
        mockServices.rootConfig.factory({
          data: { integrations: { gitlab: [{ host: 'gitlab.com' }] } },
        }),
      ],
    });
    expect(added).toEqual([]);
    await backend.stop();
  });

  it('adds one provider for the GitLab hosts with a token', async () => {
    const added: GitProvider[] = [];
    const backend = await startTestBackend({
      features: [
        recordingPlugin(added),
        gitopsModuleGitlab,
        mockServices.rootConfig.factory({ data: gitlabConfig() }),
      ],
    });
    expect(added.map(p => p.kind)).toEqual(['gitlab']);
    expect(added[0].supports(PROJECT_URL)).toBe(true);
    await backend.stop();
  });
});

describe('the delivery repository on GitLab', () => {
  const server = setupServer();
  const double = new GitlabDouble({
    'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', ['mill-dev']),
    'products/mill.yaml': productYaml('mill'),
  });
  const scheduler = mockServices.scheduler.mock();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    server.use(...double.handlers());
    server.listen({ onUnhandledRequest: 'bypass' });
    double.push(
      'main',
      { 'products/cart.yaml': productYaml('cart') },
      'Add the cart product',
    );
    backend = await startTestBackend({
      features: [
        gitopsPlugin,
        gitopsModuleGitlab,
        mockServices.rootConfig.factory({
          data: {
            ...gitlabConfig(),
            gitops: { runtimes: [], deliveryRepo: { url: PROJECT_URL } },
          },
        }),
        mockServices.database.factory({
          knex: await migratedDatabase('SQLITE_3'),
        }),
        scheduler.factory,
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    server.close();
  });

  it('is read at its branch head through the GitLab module', async () => {
    const res = await request(backend.server).get('/api/gitops/config/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      repository: PROJECT_URL,
      branch: 'main',
      commit: double.head('main'),
    });
    expect(
      res.body.problems.filter((p: { file: string }) =>
        p.file.startsWith('products/'),
      ),
    ).toEqual([]);
  });

  it("imports the project's commits into the audit log with the paths they changed", async () => {
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === 'gitops-audit-git-import')!;
    const page = await waitFor(async () => {
      await task.fn(new AbortController().signal);
      const res = await request(backend.server).get(
        '/api/gitops/audit?action=git.commit',
      );
      return (res.body as AuditPage).items.length === 2 && res.body;
    }, 60_000);
    const added = (page as AuditPage).items.find(
      e => e.details.subject === 'Add the cart product',
    );
    expect(added).toMatchObject({
      actor: 'git:Administrator <admin@example.com>',
      source: 'git',
      commitSha: double.head('main'),
      details: expect.objectContaining({ paths: ['products/cart.yaml'] }),
    });
  });
});
