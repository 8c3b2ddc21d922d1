import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import permissionPlugin from '@backstage/plugin-permission-backend';
import gitopsPlugin from '@slipway/plugin-gitops-backend';
import request from 'supertest';
import slipwayPolicy from './permissions';
import {
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
} from '@slipway/plugin-gitops-common';

jest.setTimeout(90_000);

const run = promisify(execFile);

/** The sandbox's users and their groups, as the sign-in resolver would put them in their tokens. */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/eli.moreau': ['group:default/payments-team'],
  'user:default/ben.okafor': ['group:default/storefront-team'],
  'user:default/ana.ruiz': [
    'group:default/payments-team',
    'group:default/production-approvers',
  ],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(MEMBERSHIPS[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

/**
 * The mock auth service, except that a token a plugin sends on a user's behalf carries the plugin as
 * actor, as the real auth service's on-behalf-of tokens do. The mock drops the actor, and plugins
 * refuse apply-conditions calls from a user without one.
 */
const authFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: auth.authenticate.bind(auth),
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      isPrincipal: auth.isPrincipal.bind(auth) as typeof auth.isPrincipal,
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

/** examples/delivery (the sandbox's products and environments) as a local Git repository. */
async function sandboxDeliveryRepo() {
  const root = await mkdtemp(join(tmpdir(), 'slipway-policy-'));
  const dir = join(root, 'delivery');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Policy Test',
    GIT_AUTHOR_EMAIL: 'policy@example.com',
    GIT_COMMITTER_NAME: 'Policy Test',
    GIT_COMMITTER_EMAIL: 'policy@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  await cp(resolve(__dirname, '../../../examples/delivery'), dir, {
    recursive: true,
  });
  const git = (...args: string[]) => run('git', ['-C', dir, ...args], { env });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '-A');
  await git('commit', '--quiet', '-m', 'sandbox delivery config');
  return {
    url: pathToFileURL(dir).href,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

describe('the Slipway policy with the real permission framework', () => {
  let repo: Awaited<ReturnType<typeof sandboxDeliveryRepo>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    repo = await sandboxDeliveryRepo();
    backend = await startTestBackend({
      features: [
        gitopsPlugin,
        permissionPlugin,
        slipwayPolicy,
        permissionsServiceFactory,
        authFactory,
        userInfoFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            gitops: {
              runtimes: [],
              git: { allowLocal: true },
              deliveryRepo: { url: repo.url, branch: 'main' },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await repo?.cleanup();
  });

  /** What the frontend's usePermission asks: the permission backend resolves conditions with the gitops plugin. */
  async function authorize(
    user: string,
    permission: typeof gitopsPromotionCreatePermission,
    resourceRef: string,
  ) {
    const res = await request(backend.server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ items: [{ id: '1', permission, resourceRef }] });
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
    });
    return res.body.items[0].result;
  }

  it('resolves conditional product decisions through the gitops plugin', async () => {
    const eli = 'user:default/eli.moreau';
    expect(
      await authorize(eli, gitopsPromotionCreatePermission, 'payments:staging'),
    ).toBe('ALLOW');
    expect(
      await authorize(
        eli,
        gitopsPromotionCreatePermission,
        'payments:production',
      ),
    ).toBe('DENY');
    expect(
      await authorize(
        eli,
        gitopsPromotionCreatePermission,
        'storefront:staging',
      ),
    ).toBe('DENY');
    expect(
      await authorize(
        eli,
        gitopsPromotionCreatePermission,
        'no-such-product:staging',
      ),
    ).toBe('DENY');
    expect(
      await authorize(eli, gitopsReleaseManagePermission, 'payments'),
    ).toBe('ALLOW');
    expect(
      await authorize(
        eli,
        gitopsReleaseManagePermission,
        'payments:production',
      ),
    ).toBe('DENY');
    const ana = 'user:default/ana.ruiz';
    expect(
      await authorize(
        ana,
        gitopsPromotionCreatePermission,
        'payments:production',
      ),
    ).toBe('ALLOW');
  });

  it('answers a production promotion by a non-owner with 403 naming what was refused, and changes nothing', async () => {
    const res = await request(backend.server)
      .post('/api/gitops/products/payments/promotions')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/ben.okafor'),
      )
      .send({ from: 'staging', to: 'production' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        "product 'payments' in environment 'production'",
      ),
    });
    const releases = await request(backend.server)
      .get('/api/gitops/releases?product=payments')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/ben.okafor'),
      );
    expect(releases.status).toBe(200);
    expect(releases.body.items).toEqual([]);
  });
});
