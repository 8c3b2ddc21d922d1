import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import {
  GitlabDouble,
  gitlabErrorAnswer,
  GITLAB_HOST,
  PROJECT,
  PROJECT_URL,
} from './__testUtils__/gitlabDouble';
import {
  gitlabConfig,
  gitlabProvider,
  subject,
  userEntity,
} from './__testUtils__/gitlabWorld';
import { GitlabGitProvider } from './GitlabGitProvider';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const author = { name: 'Dana Deployer', email: 'dana@example.com' };
const values = (tag: string) =>
  `image:\n  tag: "${tag}" # moved by promotions\n`;

/** The change builder a promotion gives: the new tag in the app's values, derived from what it reads. */
const setTag =
  (path: string, tag: string) =>
  async (read: (p: string) => Promise<string | undefined>) => {
    const before = (await read(path)) ?? values('0.0.0');
    return [{ path, content: before.replace(/tag: "[^"]*"/, `tag: "${tag}"`) }];
  };

function start(files: Record<string, string> = {}) {
  const double = new GitlabDouble({
    'apps/shop/prod/values.yaml': values('1.0.0'),
    'apps/shop/prod/Chart.yaml': 'apiVersion: v2\nname: shop\n',
    'apps/cart/prod/values.yaml': values('3.0.0'),
    ...files,
  });
  server.use(...double.handlers());
  return { double, provider: gitlabProvider() };
}

describe('GitlabGitProvider', () => {
  it('serves the projects of GitLab integrations with a token, and nothing else', () => {
    const { provider } = start();
    expect(provider.supports(PROJECT_URL)).toBe(true);
    expect(provider.supports(`${PROJECT_URL}.git`)).toBe(true);
    expect(
      provider.supports(`https://${GITLAB_HOST}/acme/team/manifests/`),
    ).toBe(true);
    expect(provider.supports('https://github.com/acme/manifests')).toBe(false);
    expect(provider.supports(`https://${GITLAB_HOST}/acme`)).toBe(false);
    expect(provider.supports(`${PROJECT_URL}/-/tree/main`)).toBe(false);
    // Backstage always knows gitlab.com; without a token Slipway does not serve it.
    expect(provider.supports('https://gitlab.com/acme/manifests')).toBe(false);
    const tokenless = GitlabGitProvider.fromConfig(new ConfigReader({}));
    expect(tokenless.hosts()).toEqual([]);
    expect(provider.hosts()).toEqual([GITLAB_HOST]);
  });

  it('reads the branch head, files, listings, history and the paths a commit changed', async () => {
    const { double, provider } = start();
    const first = double.head('main');
    double.push(
      'main',
      { 'apps/shop/prod/values.yaml': values('1.1.0') },
      'Promote shop\n\nSlipway-Release: r-1\nSlipway-Actor: user:default/dana',
    );
    double.push(
      'main',
      { 'apps/cart/prod/values.yaml': values('3.1.0') },
      'Promote cart',
    );
    const head = double.head('main');

    await expect(
      provider.resolveBranch({ url: PROJECT_URL, branch: 'main' }),
    ).resolves.toBe(head);
    await expect(
      provider.readFile(PROJECT_URL, first, 'apps/shop/prod/values.yaml'),
    ).resolves.toBe(values('1.0.0'));
    await expect(
      provider.readFile(PROJECT_URL, head, 'apps/shop/prod/values.yaml'),
    ).resolves.toBe(values('1.1.0'));
    await expect(
      provider.readFile(PROJECT_URL, head, 'apps/none.yaml'),
    ).resolves.toBeUndefined();
    await expect(
      provider.listFiles(PROJECT_URL, head, 'apps/shop'),
    ).resolves.toEqual([
      'apps/shop/prod/Chart.yaml',
      'apps/shop/prod/values.yaml',
    ]);
    await expect(
      provider.listFiles(PROJECT_URL, head, 'nowhere'),
    ).resolves.toEqual([]);

    const all = await provider.log(PROJECT_URL, { to: 'main' });
    expect(all.map(c => c.message.split('\n')[0])).toEqual([
      'Promote cart',
      'Promote shop',
      'first versions',
    ]);
    expect(all[1]).toMatchObject({
      parents: [first],
      trailers: {
        'Slipway-Release': 'r-1',
        'Slipway-Actor': 'user:default/dana',
      },
      author: { name: 'Administrator', email: 'admin@example.com' },
    });
    const since = await provider.log(PROJECT_URL, { from: first, to: head });
    expect(since.map(c => c.sha)).toEqual([
      head,
      double.commit(head).parents[0],
    ]);
    const shopOnly = await provider.log(PROJECT_URL, {
      from: first,
      to: head,
      paths: ['apps/shop'],
    });
    expect(shopOnly.map(c => c.message.split('\n')[0])).toEqual([
      'Promote shop',
    ]);
    await expect(provider.changedPaths(PROJECT_URL, head)).resolves.toEqual([
      'apps/cart/prod/values.yaml',
    ]);
  });

  it("commits all of an application's files in one Commits API call: update with the file's last commit, create for new files", async () => {
    const { double, provider } = start();
    const before = double.head('main');
    const result = await provider.commit({
      repo: { url: PROJECT_URL, branch: 'main' },
      message: 'Promote shop 1.1.0 to prod',
      author,
      trailers: { 'Slipway-Release': 'r-2' },
      changes: async read => [
        ...(await setTag('apps/shop/prod/values.yaml', '1.1.0')(read)),
        { path: 'apps/shop/prod/release.yaml', content: 'release: r-2\n' },
        // Already holds this: no action for it.
        {
          path: 'apps/shop/prod/Chart.yaml',
          content: 'apiVersion: v2\nname: shop\n',
        },
      ],
    });
    const head = double.head('main');
    expect(result).toEqual({
      sha: head,
      baseSha: before,
      attempts: 1,
      changedPaths: [
        'apps/shop/prod/values.yaml',
        'apps/shop/prod/release.yaml',
      ],
    });
    expect(double.commit(head)).toMatchObject({
      parents: [before],
      message: 'Promote shop 1.1.0 to prod\n\nSlipway-Release: r-2\n',
      author,
    });
    expect(double.fileAt('main', 'apps/shop/prod/values.yaml')).toBe(
      values('1.1.0'),
    );
    expect(double.fileAt('main', 'apps/shop/prod/release.yaml')).toBe(
      'release: r-2\n',
    );
    const posted = double.calls.filter(c => c.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({
      branch: 'main',
      actions: [
        {
          action: 'update',
          file_path: 'apps/shop/prod/values.yaml',
          last_commit_id: before,
        },
        { action: 'create', file_path: 'apps/shop/prod/release.yaml' },
      ],
    });
    expect(posted[0].body).not.toHaveProperty('force');
    expect(posted[0].body).not.toHaveProperty('start_sha');

    double.calls.length = 0;
    const again = await provider.commit({
      repo: { url: PROJECT_URL, branch: 'main' },
      message: 'Promote shop 1.1.0 to prod',
      author,
      changes: setTag('apps/shop/prod/values.yaml', '1.1.0'),
    });
    expect(again).toEqual({
      sha: undefined,
      baseSha: head,
      attempts: 1,
      changedPaths: [],
    });
    expect(double.calls.map(c => c.method)).toEqual(['GET', 'GET']);
  });

  it.each([
    [
      'changed',
      'You are attempting to update a file that has changed since you started editing it.',
      values('1.0.1'),
    ],
    ['deleted', "A file with this name doesn't exist", null],
  ] as const)(
    'rebuilds the edit on the new head when another writer %s the file after it was read (GitLab: "%s")',
    async (_, message, foreign) => {
      const { double, provider } = start();
      let pushed = false;
      double.beforeCommit = () => {
        if (pushed) return;
        pushed = true;
        double.push('main', {
          'apps/shop/prod/values.yaml': foreign,
          'apps/cart/prod/values.yaml': values('3.0.1'),
        });
      };
      const answers: string[] = [];
      server.events.on('response:mocked', async ({ request, response }) => {
        if (request.method === 'POST')
          answers.push(
            `${response.status} ${
              (await response.clone().json()).message ?? ''
            }`,
          );
      });
      const result = await provider.commit({
        repo: { url: PROJECT_URL, branch: 'main' },
        message: 'Promote shop',
        author,
        changes: setTag('apps/shop/prod/values.yaml', '1.1.0'),
      });
      server.events.removeAllListeners();
      expect(answers[0]).toBe(`400 ${message}`);
      expect(answers[1]).toMatch(/^201/);
      expect(result.attempts).toBe(2);
      // Built on the other writer's commit, which is kept.
      expect(double.commit(double.head('main')).parents[0]).toBe(
        result.baseSha,
      );
      expect(double.fileAt('main', 'apps/cart/prod/values.yaml')).toBe(
        values('3.0.1'),
      );
      expect(double.fileAt('main', 'apps/shop/prod/values.yaml')).toBe(
        values('1.1.0'),
      );
      expect(double.forced).toBe(0);
    },
  );

  it('rebuilds when another writer created a file the edit creates (GitLab: "A file with this name already exists")', async () => {
    const { double, provider } = start();
    let pushed = false;
    double.beforeCommit = () => {
      if (!pushed)
        double.push('main', {
          'apps/shop/prod/notes.yaml': 'by: someone else\n',
        });
      pushed = true;
    };
    const result = await provider.commit({
      repo: { url: PROJECT_URL, branch: 'main' },
      message: 'Add notes',
      author,
      changes: async read => [
        {
          path: 'apps/shop/prod/notes.yaml',
          content: `${
            (await read('apps/shop/prod/notes.yaml')) ?? ''
          }by: slipway\n`,
        },
      ],
    });
    expect(result.attempts).toBe(2);
    expect(double.fileAt('main', 'apps/shop/prod/notes.yaml')).toBe(
      'by: someone else\nby: slipway\n',
    );
  });

  it('gives up with a conflict after the bounded attempts when the file keeps moving, never forcing', async () => {
    const { double } = start();
    const provider = gitlabProvider({}, { maxAttempts: 3 });
    let n = 0;
    double.beforeCommit = () =>
      double.push('main', {
        'apps/shop/prod/values.yaml': values(`1.0.${++n}`),
      });
    await expect(
      provider.commit({
        repo: { url: PROJECT_URL, branch: 'main' },
        message: 'Promote shop',
        author,
        changes: setTag('apps/shop/prod/values.yaml', '1.1.0'),
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Commit to main of ${PROJECT}: the branch kept moving while writing; gave up after 3 attempts`,
    });
    expect(double.calls.filter(c => c.method === 'POST')).toHaveLength(3);
    expect(double.fileAt('main', 'apps/shop/prod/values.yaml')).toBe(
      values('1.0.3'),
    );
    expect(double.forced).toBe(0);
  });

  it('costs at most 5 GitLab calls for a single-application promotion commit, the permission check on a cold cache included', async () => {
    const { double, provider } = start();
    double.addUser('dana', 30);
    const dana = subject('user:default/dana', userEntity('dana', 'dana'));
    // At request time, and again before the commit (remembered).
    await expect(
      provider.repositoryPermission(dana, PROJECT_URL),
    ).resolves.toMatchObject({ level: 'write' });
    await expect(
      provider.repositoryPermission(dana, PROJECT_URL),
    ).resolves.toMatchObject({ level: 'write' });
    await provider.commit({
      repo: { url: PROJECT_URL, branch: 'main' },
      message: 'Promote shop',
      author,
      changes: setTag('apps/shop/prod/values.yaml', '1.1.0'),
    });
    expect(double.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /users',
      `GET /projects/${PROJECT}/members/all/100`,
      `GET /projects/${PROJECT}/repository/branches/main`,
      `GET /projects/${PROJECT}/repository/files/apps/shop/prod/values.yaml`,
      `POST /projects/${PROJECT}/repository/commits`,
    ]);
    expect(double.calls.length).toBeLessThanOrEqual(5);
  });

  it('marks a promoted commit with a status per environment, linking to the release page', async () => {
    const { double, provider } = start();
    const sha = double.head('main');
    const status = (state: 'pending' | 'success' | 'failure') =>
      provider.setCommitStatus({
        url: PROJECT_URL,
        sha,
        context: 'slipway/prod',
        state,
        description:
          state === 'pending'
            ? 'Verifying in Production'
            : 'Failed in Production',
        targetUrl: 'https://backstage.example.com/gitops/releases/r-1',
      });
    await status('pending');
    expect(double.statuses.get(`${sha} slipway/prod`)).toEqual({
      state: 'pending',
      description: 'Verifying in Production',
      targetUrl: 'https://backstage.example.com/gitops/releases/r-1',
    });
    // Asked again (a retried step): GitLab refuses the same state, which is already what was asked.
    await expect(status('pending')).resolves.toBeUndefined();
    await status('failure');
    expect(double.statuses.get(`${sha} slipway/prod`)).toMatchObject({
      state: 'failed',
    });
    await expect(
      provider.setCommitStatus({
        url: PROJECT_URL,
        sha: 'f'.repeat(40),
        context: 'slipway/prod',
        state: 'success',
        description: 'Running in Production',
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  describe('GitLab failures become errors a person can act on, without the token', () => {
    const commitTo = (provider: GitlabGitProvider) =>
      provider.commit({
        repo: { url: PROJECT_URL, branch: 'main' },
        message: 'Promote shop',
        author,
        changes: setTag('apps/shop/prod/values.yaml', '1.1.0'),
      });

    it('401: the token is rejected', async () => {
      const { double, provider } = start();
      double.failNext('GET', /branches/, () =>
        gitlabErrorAnswer('unauthorized'),
      );
      const error = await commitTo(provider).catch(e => e);
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message: `GitLab rejected the credentials for ${PROJECT} while reading branch main (401 401 Unauthorized); check the token under integrations.gitlab`,
      });
      expect(JSON.stringify(error)).not.toContain('glpat');
    });

    it('401 for a wrong token configured', async () => {
      const double = new GitlabDouble({ 'a.yaml': 'a\n' });
      server.use(...double.handlers());
      const config = gitlabConfig();
      config.integrations.gitlab[0].token = 'glpat-wrong';
      const provider = GitlabGitProvider.fromConfig(new ConfigReader(config));
      await expect(
        provider.resolveBranch({ url: PROJECT_URL, branch: 'main' }),
      ).rejects.toThrow(
        /GitLab rejected the credentials .* \(401 401 Unauthorized\)/,
      );
    });

    it('403 and a protected branch: refused', async () => {
      const { double, provider } = start();
      double.failNext('POST', /commits/, () => gitlabErrorAnswer('forbidden'));
      await expect(commitTo(provider)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `GitLab refused committing to main on ${PROJECT} (403 403 Forbidden)`,
      });
      double.failNext('POST', /commits/, () =>
        gitlabErrorAnswer('notAllowedToPush'),
      );
      await expect(commitTo(provider)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `GitLab refused committing to main on ${PROJECT}: You are not allowed to push into this branch`,
      });
    });

    it('404: a missing project, branch or commit', async () => {
      const { provider } = start();
      await expect(
        provider.resolveBranch({
          url: `https://${GITLAB_HOST}/acme/gone`,
          branch: 'main',
        }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message:
          'GitLab found nothing while reading branch main on acme/gone (404 Project Not Found); check the repository URL and that the token can see the project',
      });
      await expect(
        provider.resolveBranch({ url: PROJECT_URL, branch: 'release' }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: `Branch 'release' not found in ${PROJECT} on GitLab`,
      });
      await expect(
        provider.readFile(`https://${GITLAB_HOST}/acme/gone`, 'main', 'a.yaml'),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    });

    it('429: waits out a short Retry-After, then asks again', async () => {
      const { double, provider } = start();
      double.failNext(
        'GET',
        /files/,
        () => gitlabErrorAnswer('rateLimited', { 'Retry-After': '0' }),
        2,
      );
      const result = await commitTo(provider);
      expect(result.sha).toBe(double.head('main'));
      expect(double.calls.filter(c => c.path.includes('/files/'))).toHaveLength(
        3,
      );
    });

    it('429: a long Retry-After fails at once with the time GitLab gave', async () => {
      const { double, provider } = start();
      double.failNext('GET', /branches/, () =>
        gitlabErrorAnswer('rateLimited', { 'Retry-After': '3600' }),
      );
      await expect(commitTo(provider)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: `GitLab rate limit reached while reading branch main on ${PROJECT}; GitLab asks to retry after 3600 s`,
      });
      expect(double.calls).toHaveLength(1);
    });

    it.each([
      ['serverError', 500, '500 Internal Server Error'],
      ['badGateway', 502, 'GitLab is not responding'],
    ] as const)(
      '5xx (%s): a bad gateway naming GitLab, not retried blindly',
      async (name, status, message) => {
        const { double, provider } = start();
        double.failNext('POST', /commits/, () => gitlabErrorAnswer(name));
        const error = await commitTo(provider).catch(e => e);
        expect(error).toMatchObject({
          statusCode: 502,
          message: `GitLab answered ${status} while committing to main on ${PROJECT}: ${message}`,
        });
        expect(double.calls.filter(c => c.method === 'POST')).toHaveLength(1);
        expect(double.fileAt('main', 'apps/shop/prod/values.yaml')).toBe(
          values('1.0.0'),
        );
      },
    );
  });
});
