import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { GitCommitRequest } from '@slipway/plugin-gitops-node';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGithub } from '../__testUtils__/fakeGithub';
import { GithubGitProvider } from './GithubGitProvider';

const server = setupServer();
registerMswTestHooks(server);

const TOKEN = 'ghp_s3cretT0kenValue';
const URL = 'https://github.com/acme/manifests';
const author = { name: 'Dana Developer', email: 'dana@example.com' };
const VALUES = 'apps/payments-api/prod/values.yaml';
const CHART = 'apps/payments-api/prod/Chart.yaml';

function setup(options: { token?: string; maxAttempts?: number } = {}) {
  const fake = new FakeGithub({ token: TOKEN });
  server.use(...fake.handlers());
  fake.push('main', {
    [VALUES]: '# production values\nimage:\n  tag: "1.4.2" # pinned\n',
    [CHART]: 'apiVersion: v2\nname: payments-api\nappVersion: "1.4.2"\n',
    'README.md': 'manifests\n',
  });
  const provider = GithubGitProvider.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', token: options.token ?? TOKEN }],
      },
    }),
    {
      retry: {
        baseDelayMs: 1,
        maxDelayMs: 5,
        maxAttempts: options.maxAttempts,
      },
    },
  );
  fake.calls.length = 0;
  return { fake, provider };
}

/** Bumps the image tag by editing what is there (as a promotion does), so a retry re-applies it. */
function promote(
  to: string,
  extra: Partial<GitCommitRequest> = {},
): GitCommitRequest {
  return {
    repo: { url: URL, branch: 'main' },
    message: `Promote payments-api to ${to}`,
    author,
    trailers: {
      'Slipway-Release': 'rel-7',
      'Slipway-Actor': 'user:default/dana',
    },
    changes: async read => [
      {
        path: VALUES,
        content: (await read(VALUES))!.replace(/tag: "[^"]+"/, `tag: "${to}"`),
      },
    ],
    ...extra,
  };
}

const updateRefBodies = (fake: FakeGithub) =>
  fake.calls.filter(c => c.operationId === 'git/update-ref').map(c => c.body);

describe('GithubGitProvider', () => {
  it('commits a single file with 5 API calls: head, read, tree, commit, fast-forward ref update', async () => {
    const { fake, provider } = setup();
    const before = fake.head('main')!;

    const result = await provider.commit(promote('1.5.0'));

    expect(fake.calls.map(c => c.operationId)).toEqual([
      'repos/list-commits',
      'repos/get-content',
      'git/create-tree',
      'git/create-commit',
      'git/update-ref',
    ]);
    expect(result).toEqual({
      sha: fake.head('main'),
      baseSha: before,
      attempts: 1,
      changedPaths: [VALUES],
    });
    expect(updateRefBodies(fake)).toEqual([{ sha: result.sha, force: false }]);
    const commit = fake.commit(result.sha!)!;
    expect(commit.parents).toEqual([before]);
    expect(commit.author).toMatchObject(author);
    expect(commit.message).toBe(
      'Promote payments-api to 1.5.0\n\nSlipway-Release: rel-7\nSlipway-Actor: user:default/dana\n',
    );
    expect(fake.files('main')).toEqual({
      ...fake.files(before),
      [VALUES]: '# production values\nimage:\n  tag: "1.5.0" # pinned\n',
    });
    expect(fake.invalidRequests).toEqual([]);
  });

  it('commits both files of an app in one commit within 6 API calls', async () => {
    const { fake, provider } = setup();
    const result = await provider.commit({
      ...promote('1.5.0'),
      changes: async read => [
        {
          path: VALUES,
          content: (await read(VALUES))!.replace('1.4.2', '1.5.0'),
        },
        {
          path: CHART,
          content: (await read(CHART))!.replace('1.4.2', '1.5.0'),
        },
      ],
    });
    expect(fake.calls).toHaveLength(6);
    expect(result.changedPaths).toEqual([VALUES, CHART]);
    expect(fake.files('main')[CHART]).toContain('appVersion: "1.5.0"');
    expect(fake.files('main')[VALUES]).toContain('tag: "1.5.0"');
  });

  it('re-reads and rebuilds on a 422 "Update is not a fast forward", never forcing', async () => {
    const { fake, provider } = setup();
    // another writer lands between our commit and our ref update
    fake.beforeNext('git/update-ref', () => {
      fake.push('main', { 'README.md': 'someone else\n' });
    });
    const bases: string[] = [];
    const request = promote('1.5.0');
    const result = await provider.commit({
      ...request,
      changes: (read, base) => {
        bases.push(base);
        return request.changes(read, base);
      },
    });

    expect(result.attempts).toBe(2);
    expect(new Set(bases).size).toBe(2);
    expect(bases[1]).toBe(result.baseSha);
    expect(updateRefBodies(fake)).toHaveLength(2);
    expect(updateRefBodies(fake).every(body => body.force === false)).toBe(
      true,
    );
    expect(fake.files('main')['README.md']).toBe('someone else\n');
    expect(fake.files('main')[VALUES]).toContain('tag: "1.5.0"');
    expect(fake.commit(result.sha!)!.parents).toEqual([result.baseSha]);
  });

  it('retries after a 409 conflict on stale content', async () => {
    const { fake, provider } = setup();
    fake.beforeNext('git/update-ref', () => {
      fake.push('main', {
        [CHART]: 'apiVersion: v2\nname: payments-api\nappVersion: "1.4.3"\n',
      });
      return HttpResponse.json(
        { message: 'Reference cannot be updated', status: '409' },
        { status: 409 },
      );
    });
    const result = await provider.commit(promote('1.5.0'));
    expect(result.attempts).toBe(2);
    expect(fake.files('main')[CHART]).toContain('1.4.3');
    expect(fake.files('main')[VALUES]).toContain('1.5.0');
  });

  it('gives up with a ConflictError after the retry bound and never forces the branch', async () => {
    const { fake, provider } = setup({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      fake.beforeNext('git/update-ref', () => {
        fake.push('main', { [`racer-${i}.txt`]: `${i}\n` });
      });
    }
    await expect(provider.commit(promote('1.5.0'))).rejects.toThrow(
      ConflictError,
    );
    expect(updateRefBodies(fake)).toHaveLength(3);
    expect(updateRefBodies(fake).every(body => body.force === false)).toBe(
      true,
    );
    expect(fake.files('main')[VALUES]).toContain('1.4.2');
  });

  it('makes no commit when the content is already there', async () => {
    const { fake, provider } = setup();
    const head = fake.head('main');
    const result = await provider.commit(promote('1.4.2'));
    expect(result).toEqual({
      sha: undefined,
      baseSha: head,
      attempts: 1,
      changedPaths: [],
    });
    expect(
      fake.count('git/create-tree') +
        fake.count('git/create-commit') +
        fake.count('git/update-ref'),
    ).toBe(0);
    expect(fake.head('main')).toBe(head);
  });

  it('reads the current blob of files the builder writes without reading', async () => {
    const { fake, provider } = setup();
    const result = await provider.commit({
      ...promote('x'),
      changes: async () => [
        { path: 'README.md', content: 'manifests\n' },
        { path: 'apps/new/dev/values.yaml', content: 'a: 1\n' },
      ],
    });
    expect(result.changedPaths).toEqual(['apps/new/dev/values.yaml']);
    expect(fake.files('main')['apps/new/dev/values.yaml']).toBe('a: 1\n');
  });

  it('opens a pull request from a new branch and sees it merged', async () => {
    const { fake, provider } = setup();
    const main = fake.head('main');
    const pr = await provider.openPullRequest({
      ...promote('1.5.0'),
      title: 'Promote payments-api 1.5.0 to production',
      body: 'Release rel-7',
      headBranch: 'slipway/rel-7/payments-api',
    });

    expect(pr).toEqual({
      url: 'https://github.com/acme/manifests/pull/1',
      number: 1,
      headBranch: 'slipway/rel-7/payments-api',
      headSha: fake.head('slipway/rel-7/payments-api'),
      state: 'open',
    });
    expect(fake.head('main')).toBe(main);
    expect(fake.files('slipway/rel-7/payments-api')[VALUES]).toContain('1.5.0');
    expect(fake.commit(pr!.headSha)!.parents).toEqual([main]);
    // an open pull request's test-merge SHA is not a merge
    expect((await provider.getPullRequest(URL, 1)).mergeSha).toBeUndefined();

    const mergeSha = fake.merge(1);
    expect(await provider.getPullRequest(URL, 1)).toMatchObject({
      state: 'merged',
      mergeSha,
    });
    expect(fake.invalidRequests).toEqual([]);
  });

  it('returns the open pull request when the same promotion is opened again', async () => {
    const { provider } = setup();
    const request = {
      ...promote('1.5.0'),
      title: 't',
      body: 'b',
      headBranch: 'slipway/rel-7',
    };
    const first = await provider.openPullRequest(request);
    const again = await provider.openPullRequest(request);
    expect(again).toEqual(first);
  });

  it('opens nothing and leaves no branch when there is nothing to change', async () => {
    const { fake, provider } = setup();
    const pr = await provider.openPullRequest({
      ...promote('1.4.2'),
      title: 't',
      body: 'b',
      headBranch: 'slipway/noop',
    });
    expect(pr).toBeUndefined();
    expect(fake.head('slipway/noop')).toBeUndefined();
  });

  it('reports a closed pull request as closed', async () => {
    const { fake, provider } = setup();
    await provider.openPullRequest({
      ...promote('1.5.0'),
      title: 't',
      body: 'b',
      headBranch: 'p',
    });
    fake.close(1);
    const closed = await provider.getPullRequest(URL, 1);
    expect(closed.state).toBe('closed');
    expect(closed).not.toHaveProperty('mergeSha');
  });

  it('reads files, answers undefined for a missing one, and lists a directory', async () => {
    const { fake, provider } = setup();
    const head = await provider.resolveBranch({
      url: `${URL}.git`,
      branch: 'main',
    });
    expect(head).toBe(fake.head('main'));
    expect(await provider.readFile(URL, head, CHART)).toContain(
      'appVersion: "1.4.2"',
    );
    expect(
      await provider.readFile(URL, head, 'apps/nope/values.yaml'),
    ).toBeUndefined();
    expect(
      await provider.readFile(URL, head, 'apps/payments-api'),
    ).toBeUndefined();
    expect(await provider.listFiles(URL, head, 'apps/payments-api')).toEqual([
      CHART,
      VALUES,
    ]);
    expect(await provider.listFiles(URL, head, '')).toEqual([
      'README.md',
      CHART,
      VALUES,
    ]);
    await expect(
      provider.resolveBranch({ url: URL, branch: 'nope' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('logs commits in (from, to] newest first, with trailers, filtered by path', async () => {
    const { fake, provider } = setup();
    const from = fake.head('main')!;
    const one = (await provider.commit(promote('1.5.0'))).sha;
    const two = fake.push('main', { 'README.md': 'docs\n' });
    const three = (await provider.commit(promote('1.6.0'))).sha;

    const all = await provider.log(URL, { from, to: 'main' });
    expect(all.map(c => c.sha)).toEqual([three, two, one]);
    expect(all[0]).toMatchObject({
      author: { name: author.name, email: author.email },
      parents: [two],
      trailers: {
        'Slipway-Release': 'rel-7',
        'Slipway-Actor': 'user:default/dana',
      },
    });
    const values = await provider.log(URL, {
      from,
      to: three!,
      paths: ['apps/payments-api'],
    });
    expect(values.map(c => c.sha)).toEqual([three, one]);
    expect(await provider.log(URL, { to: 'main', limit: 2 })).toHaveLength(2);
  });

  it('tells the paths a commit changed, for the audit log', async () => {
    const { fake, provider } = setup();
    const docs = fake.push('main', {
      'README.md': 'docs\n',
      'docs/guide.md': 'guide\n',
    });
    expect(await provider.changedPaths!(URL, docs)).toEqual([
      'README.md',
      'docs/guide.md',
    ]);
    const promoted = (await provider.commit(promote('1.5.0'))).sha!;
    expect(await provider.changedPaths!(URL, promoted)).toEqual([VALUES]);
    // One call per commit.
    expect(fake.count('repos/get-commit')).toBe(2);
  });

  it('explains a 401 without revealing the token', async () => {
    const { provider } = setup({ token: 'ghp_wrongTokenValue' });
    const failure = await provider.commit(promote('1.5.0')).catch(e => e);
    expect(failure).toBeInstanceOf(NotAllowedError);
    expect(failure.message).toMatch(
      /GitHub rejected the credentials for acme\/manifests .*401 Bad credentials/,
    );
    const everything = JSON.stringify({
      ...failure,
      message: failure.message,
      stack: failure.stack,
    });
    expect(everything).not.toContain('ghp_wrongTokenValue');
    expect(everything).not.toContain(TOKEN);
  });

  it('serves GitHub Enterprise through the integration apiBaseUrl', async () => {
    const fake = new FakeGithub({
      token: TOKEN,
      baseUrl: 'https://ghe.acme.test/api/v3',
    });
    server.use(...fake.handlers());
    fake.push('main', { [VALUES]: 'image:\n  tag: "1"\n' });
    const provider = GithubGitProvider.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'ghe.acme.test',
              apiBaseUrl: 'https://ghe.acme.test/api/v3',
              token: TOKEN,
            },
          ],
        },
      }),
    );
    expect(provider.supports('https://ghe.acme.test/acme/manifests')).toBe(
      true,
    );
    expect(provider.supports('https://git.example.test/acme/manifests')).toBe(
      false,
    );
    expect(
      provider.supports('https://github.com/acme/manifests/tree/main'),
    ).toBe(false);
    const result = await provider.commit({
      ...promote('2'),
      repo: { url: 'https://ghe.acme.test/acme/manifests', branch: 'main' },
    });
    expect(fake.files('main')[VALUES]).toContain('tag: "2"');
    expect(result.attempts).toBe(1);
  });
});
