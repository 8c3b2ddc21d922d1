import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FakeCollaborators } from './__testUtils__/fakeCollaborators';
import { RepoWriteGuard } from './RepoWriteGuard';

const server = setupServer();
registerMswTestHooks(server);

const TOKEN = 'ghp_permissionCheck0k3n';
const REPO = 'https://github.com/acme/manifests';

function user(
  name: string,
  options: { login?: string; groups?: string[] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      ...(options.login
        ? { annotations: { 'github.com/user-login': options.login } }
        : {}),
    },
    spec: { memberOf: options.groups ?? [] },
    relations: (options.groups ?? []).map(group => ({
      type: 'memberOf',
      targetRef: `group:default/${group}`,
    })),
  };
}

const entities = [
  user('ana', { login: 'ana-admin' }),
  user('wes', { login: 'wes-writer' }),
  user('mia', { login: 'mia-maintainer' }),
  user('rae', { login: 'rae-reader' }),
  user('tia', { login: 'tia-triager' }),
  user('cus', { login: 'cus-custom' }),
  user('gus', { login: 'gus-ghost' }),
  user('noa', { groups: ['payments-team'] }),
  user('pam', { groups: ['payments-team'] }),
];

function setup(gitops: object = {}) {
  const github = new FakeCollaborators({
    owner: 'acme',
    repo: 'manifests',
    token: TOKEN,
    roles: {
      'ana-admin': 'admin',
      'wes-writer': 'write',
      'mia-maintainer': 'maintain',
      'rae-reader': 'read',
      'tia-triager': 'triage',
      'cus-custom': { role: 'release-manager', base: 'write' },
    },
  });
  server.use(...github.handlers());
  const guard = RepoWriteGuard.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: TOKEN }] },
      gitops: { git: gitops },
    }),
    { catalog: catalogServiceMock({ entities }), auth: mockServices.auth() },
  );
  return { github, guard };
}

describe('RepoWriteGuard on GitHub', () => {
  it('lets users with write, maintain or admin on the repository write through Slipway', async () => {
    const { guard } = setup();
    for (const name of ['ana', 'wes', 'mia', 'cus']) {
      await expect(
        guard.assertCanWrite(`user:default/${name}`, REPO),
      ).resolves.toBeUndefined();
    }
    await expect(guard.check('user:default/mia', REPO)).resolves.toMatchObject({
      allowed: true,
      level: 'maintain',
    });
  });

  it('refuses users below write, saying who, where, and what is required', async () => {
    const { guard } = setup();
    await expect(
      guard.assertCanWrite('user:default/rae', REPO),
    ).rejects.toThrow(
      "Slipway will not write to https://github.com/acme/manifests for user:default/rae: GitHub user 'rae-reader' has read permission on acme/manifests; write is required (gitops.git.minimumPermission)",
    );
    await expect(
      guard.assertCanWrite('user:default/tia', REPO),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("'tia-triager' has triage permission"),
    });
  });

  it('honours a higher configured minimum', async () => {
    const { guard } = setup({ minimumPermission: 'admin' });
    await expect(
      guard.assertCanWrite('user:default/ana', REPO),
    ).resolves.toBeUndefined();
    await expect(
      guard.assertCanWrite('user:default/wes', REPO),
    ).rejects.toThrow(
      'has write permission on acme/manifests; admin is required',
    );
  });

  it('refuses users GitHub does not know, without a login annotation, or missing from the catalog', async () => {
    const { guard } = setup();
    await expect(
      guard.assertCanWrite('user:default/gus', REPO),
    ).rejects.toThrow(
      "GitHub does not know the user 'gus-ghost' (github.com/user-login) on acme/manifests",
    );
    await expect(
      guard.assertCanWrite('user:default/noa', REPO),
    ).rejects.toThrow(
      "the user's catalog entity has no github.com/user-login annotation",
    );
    await expect(
      guard.assertCanWrite('user:default/nobody', REPO),
    ).rejects.toThrow('the user is not in the catalog');
    await expect(
      guard.assertCanWrite('group:default/payments-team', REPO),
    ).rejects.toThrow('writes are made on behalf of users only');
  });

  it('refuses repositories whose permissions it cannot check', async () => {
    const { guard } = setup();
    await expect(
      guard.assertCanWrite(
        'user:default/ana',
        'https://git.example.test/acme/x',
      ),
    ).rejects.toThrow(
      'neither a repository of a configured GitHub integration nor a local repository',
    );
  });

  it('remembers answers briefly: a second check does not ask GitHub again', async () => {
    const { github, guard } = setup();
    await guard.assertCanWrite('user:default/wes', REPO);
    await guard.assertCanWrite('user:default/wes', REPO);
    await expect(
      guard.assertCanWrite('user:default/gus', REPO),
    ).rejects.toThrow();
    await expect(
      guard.assertCanWrite('user:default/gus', REPO),
    ).rejects.toThrow();
    await Promise.all([
      guard.check('user:default/rae', REPO),
      guard.check('user:default/rae', REPO),
    ]);
    expect(github.asked).toEqual(['wes-writer', 'gus-ghost', 'rae-reader']);
  });

  it('asks again once the cache time is over', async () => {
    const { github, guard } = setup({ permissionCacheSeconds: 0 });
    await guard.assertCanWrite('user:default/wes', REPO);
    await guard.assertCanWrite('user:default/wes', REPO);
    expect(github.asked).toEqual(['wes-writer', 'wes-writer']);
  });

  it('refuses, and does not remember, when its own credentials cannot read permissions', async () => {
    const { github, guard } = setup();
    github.callerLacksPush = true;
    await expect(
      guard.assertCanWrite('user:default/wes', REPO),
    ).rejects.toThrow(
      'Slipway cannot check who may write to acme/manifests: its GitHub credentials lack push access to the repository (GitHub: Must have push access to view collaborator permission.)',
    );
    github.callerLacksPush = false;
    await expect(
      guard.assertCanWrite('user:default/wes', REPO),
    ).resolves.toBeUndefined();
    expect(github.asked).toEqual(['wes-writer', 'wes-writer']);
  });
});

describe('RepoWriteGuard when GitHub answers something unexpected', () => {
  it('is a 502 naming GitHub and its answer, not a 500', async () => {
    const { github, guard } = setup();
    github.failWith = 501;
    server.use(http.all(/^http:\/\/127\.0\.0\.1:/, () => passthrough()));
    // The guard's error through Backstage's own error handler, as every route answers it.
    const app = express();
    app.get('/check', async (_req, res, next) => {
      try {
        await guard.assertCanWrite('user:default/wes', REPO);
        res.status(204).end();
      } catch (error) {
        next(error);
      }
    });
    app.use(
      MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const res = await request(app).get('/check');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(
      "GitHub answered 501 while checking the permission of 'wes-writer' on acme/manifests: Not Implemented",
    );
    expect(github.asked).toEqual(['wes-writer']);
  });
});

describe('RepoWriteGuard on local repositories', () => {
  const LOCAL = 'file:///srv/sandbox/repos/app-manifests.git';

  it('lets everyone write when no local permissions are configured (the sandbox)', async () => {
    const { guard } = setup();
    await expect(
      guard.assertCanWrite('user:default/guest', LOCAL),
    ).resolves.toBeUndefined();
  });

  it('decides by the first matching entry: users, groups, then its default', async () => {
    const { guard } = setup({
      localPermissions: [
        {
          repo: 'file:///srv/sandbox/repos/*.git',
          users: {
            'user:default/rae': 'read',
            'group:default/payments-team': 'write',
          },
          default: 'none',
        },
        { repo: 'file:///srv/**', default: 'admin' },
      ],
    });
    await expect(
      guard.assertCanWrite('user:default/pam', LOCAL),
    ).resolves.toBeUndefined();
    await expect(
      guard.assertCanWrite('user:default/rae', LOCAL),
    ).rejects.toThrow(
      'their permission is read (granted to user:default/rae); write is required',
    );
    await expect(
      guard.assertCanWrite('user:default/wes', LOCAL),
    ).rejects.toThrow(
      'their permission is none (the default of the entry for file:///srv/sandbox/repos/*.git)',
    );
    // `*` stays within one path segment; the second entry takes deeper paths.
    await expect(
      guard.assertCanWrite(
        'user:default/wes',
        'file:///srv/sandbox/repos/x/y.git',
      ),
    ).resolves.toBeUndefined();
    await expect(
      guard.assertCanWrite('user:default/wes', 'file:///elsewhere/repo.git'),
    ).rejects.toThrow(
      'no gitops.git.localPermissions entry matches the repository',
    );
  });

  it('rejects unknown permission levels in config', () => {
    expect(() => setup({ minimumPermission: 'push' })).toThrow(
      "gitops.git.minimumPermission: 'push' is not a permission level; use one of none, read, triage, write, maintain, admin",
    );
  });
});
