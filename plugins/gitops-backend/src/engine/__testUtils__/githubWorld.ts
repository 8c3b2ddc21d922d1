import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { FakeGithub } from '../../git/__testUtils__/fakeGithub';
import { loadGithubSubset } from '../../git/__testUtils__/githubSubset';
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  productYaml,
  World,
} from './promotionWorld';

// The world of the tests that promote into GitHub: product `web`, whose `web-api` runs in dev from the
// local manifests repository (the simulator syncs it) and in prod from a GitHub repository that a
// FakeGithub serves through msw. The simulator reads only local repositories, so prod never syncs.

/** The GitHub repository prod's `web-api` is read from. */
export const GITHUB_REPO = 'https://github.com/acme/manifests';

/** `user:default/mock` (the tests' default caller) is `mock-gh` on GitHub, with write on the repository. */
const githubMockUser: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'mock',
    namespace: 'default',
    annotations: { 'github.com/user-login': 'mock-gh' },
  },
  spec: {},
};

/**
 * The permission check's answer, from the subset's example: the fake GitHub serves Git data and pull
 * requests; who may write is answered here. Every login asked about is pushed onto `asked`.
 */
function collaboratorPermissions(asked: string[] = []) {
  const example =
    loadGithubSubset().components.examples[
      'repository-collaborator-permission-response-if-user-has-admin-permissions'
    ].value;
  return http.get(
    'https://api.github.com/repos/acme/manifests/collaborators/:username/permission',
    ({ params }) => {
      asked.push(String(params.username));
      if (params.username !== 'mock-gh') {
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }
      return HttpResponse.json({
        ...structuredClone(example),
        permission: 'write',
        role_name: 'write',
        user: { ...example.user, login: 'mock-gh', role_name: 'write' },
      });
    },
  );
}

/**
 * Serves GitHub through `server` (everything else, the backend and the simulated runtimes, is real
 * HTTP on localhost and passes), with prod at web 2.0.0 on `main`; then the world, with dev at 2.1.0.
 */
export async function createGithubWorld(
  server: SetupServer,
  github: FakeGithub,
  asked?: string[],
): Promise<World> {
  server.listen({ onUnhandledRequest: 'bypass' });
  // The specific route first: the fake answers everything under its base URL.
  server.use(collaboratorPermissions(asked), ...github.handlers());
  github.push(
    'main',
    appFiles('web-api', 'prod', '2.0.0'),
    'prod runs web 2.0.0',
  );
  return createWorld({
    manifests: appFiles('web-api', 'dev', '2.1.0'),
    delivery: {
      'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
        'shop-dev',
        'web-dev',
      ]),
      'products/web.yaml': productYaml('web', { concurrency: 'supersede' }),
    },
    nonprodApps: [application(WORLD_REPO, 'web', 'web-api', 'dev', 'web-dev')],
    prodApps: [application(GITHUB_REPO, 'web', 'web-api', 'prod', 'web')],
  });
}

/**
 * `startReadyBackend` options for the GitHub world: the catalog knows `mock-gh`, GitHub is reached
 * with `token`, and the backend is ready once the board shows `devVersion` of web in dev.
 */
export function githubBackendOptions(
  token: string,
  options: { devVersion?: string; promotions?: object; config?: object } = {},
) {
  return {
    promotions: options.promotions,
    features: [catalogServiceMock.factory({ entities: [githubMockUser] })],
    config: {
      ...options.config,
      integrations: { github: [{ host: 'github.com', token }] },
    },
    ready: { web: { dev: options.devVersion ?? '2.1.0' } },
  };
}
