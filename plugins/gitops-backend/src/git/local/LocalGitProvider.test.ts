import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { GitCommitRequest } from '@slipway/plugin-gitops-node';
import { createTestRepo, TestRepo } from '../__testUtils__/localRepos';
import { LocalGitProvider } from './LocalGitProvider';

// Every case spawns dozens of git processes; on a busy CI machine that outgrows Jest's 5 s default.
jest.setTimeout(60_000);

const author = { name: 'Dana Developer', email: 'dana@example.com' };

function edit(
  repo: TestRepo,
  files: Record<string, string>,
  extra: Partial<GitCommitRequest> = {},
): GitCommitRequest {
  return {
    repo: { url: repo.url, branch: 'main' },
    message: 'Promote payments-api to 1.5.0',
    author,
    changes: async () =>
      Object.entries(files).map(([path, content]) => ({ path, content })),
    ...extra,
  };
}

describe.each(['bare', 'non-bare'] as const)(
  'LocalGitProvider (%s repository)',
  kind => {
    let repo: TestRepo;
    const provider = new LocalGitProvider();

    beforeEach(async () => {
      repo = await createTestRepo(kind);
      await repo.seed({
        'apps/payments-api/prod/values.yaml':
          '# prod values\nimage:\n  tag: "1.4.2"\n',
        'apps/payments-api/prod/Chart.yaml':
          'apiVersion: v2\nappVersion: "1.4.2"\n',
        'README.md': 'manifests\n',
      });
    });
    afterEach(() => repo.cleanup());

    it('commits every change in one commit with the author, message and trailers', async () => {
      const before = await provider.resolveBranch({
        url: repo.url,
        branch: 'main',
      });
      const result = await provider.commit(
        edit(
          repo,
          {
            'apps/payments-api/prod/values.yaml':
              '# prod values\nimage:\n  tag: "1.5.0"\n',
            'apps/payments-api/prod/Chart.yaml':
              'apiVersion: v2\nappVersion: "1.5.0"\n',
          },
          {
            trailers: {
              'Slipway-Release': 'rel-42',
              'Slipway-Actor': 'user:default/dana',
            },
          },
        ),
      );

      expect(result).toEqual({
        sha: expect.stringMatching(/^[0-9a-f]{40}$/),
        baseSha: before,
        attempts: 1,
        changedPaths: [
          'apps/payments-api/prod/values.yaml',
          'apps/payments-api/prod/Chart.yaml',
        ],
      });
      expect(await repo.git('rev-parse', 'refs/heads/main')).toBe(result.sha);
      expect(await repo.git('log', '-1', '--format=%an <%ae>|%P', 'main')).toBe(
        `Dana Developer <dana@example.com>|${before}`,
      );
      expect(await repo.git('log', '-1', '--format=%B', 'main')).toBe(
        'Promote payments-api to 1.5.0\n\nSlipway-Release: rel-42\nSlipway-Actor: user:default/dana',
      );
      // git itself reads the trailers the way we wrote them
      expect(
        await repo.git(
          'log',
          '-1',
          '--format=%(trailers:key=Slipway-Release,valueonly)',
          'main',
        ),
      ).toBe('rel-42');
      expect(
        await provider.readFile(
          repo.url,
          result.sha!,
          'apps/payments-api/prod/values.yaml',
        ),
      ).toBe('# prod values\nimage:\n  tag: "1.5.0"\n');
      expect(await provider.readFile(repo.url, result.sha!, 'README.md')).toBe(
        'manifests\n',
      );

      const [entry] = await provider.log(repo.url, { to: 'main', limit: 1 });
      expect(entry).toEqual({
        sha: result.sha,
        message: expect.stringContaining('Promote payments-api to 1.5.0'),
        author: { ...author, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        parents: [before],
        trailers: {
          'Slipway-Release': 'rel-42',
          'Slipway-Actor': 'user:default/dana',
        },
      });
    });

    it('adds new files and keeps the rest of the tree', async () => {
      const result = await provider.commit(
        edit(repo, { 'apps/ledger/dev/values.yaml': 'a: 1\n' }),
      );
      expect(await provider.listFiles(repo.url, result.sha!, '')).toEqual([
        'README.md',
        'apps/ledger/dev/values.yaml',
        'apps/payments-api/prod/Chart.yaml',
        'apps/payments-api/prod/values.yaml',
      ]);
      expect(
        await provider.listFiles(repo.url, result.sha!, 'apps/payments-api/'),
      ).toEqual([
        'apps/payments-api/prod/Chart.yaml',
        'apps/payments-api/prod/values.yaml',
      ]);
      expect(
        await provider.listFiles(repo.url, result.sha!, 'apps/pay'),
      ).toEqual([]);
    });

    it('makes no commit when the content is already there', async () => {
      const head = await repo.git('rev-parse', 'main');
      const result = await provider.commit(
        edit(repo, {
          'apps/payments-api/prod/Chart.yaml':
            'apiVersion: v2\nappVersion: "1.4.2"\n',
        }),
      );
      expect(result).toEqual({
        sha: undefined,
        baseSha: head,
        attempts: 1,
        changedPaths: [],
      });
      expect(await repo.git('rev-parse', 'main')).toBe(head);
    });

    it('lists only the files that really changed', async () => {
      const result = await provider.commit(
        edit(repo, {
          'apps/payments-api/prod/Chart.yaml':
            'apiVersion: v2\nappVersion: "1.4.2"\n',
          'README.md': 'manifests, edited\n',
        }),
      );
      expect(result.changedPaths).toEqual(['README.md']);
      expect(
        await repo.git('diff', '--name-only', `${result.baseSha}`, result.sha!),
      ).toBe('README.md');
    });

    it.each([
      '../outside.yaml',
      '/etc/passwd',
      'apps/../../x',
      'apps//x',
      '.git/config',
      'a\\b',
    ])('rejects the path %s without touching the branch', async path => {
      const head = await repo.git('rev-parse', 'main');
      await expect(
        provider.commit(edit(repo, { [path]: 'x' })),
      ).rejects.toThrow(InputError);
      await expect(provider.readFile(repo.url, head, path)).rejects.toThrow(
        InputError,
      );
      expect(await repo.git('rev-parse', 'main')).toBe(head);
    });

    it('rebuilds on the new head when another writer moved the branch first', async () => {
      const bases: string[] = [];
      let racer: string | undefined;
      const result = await provider.commit({
        ...edit(repo, {}),
        changes: async (read, baseSha) => {
          bases.push(baseSha);
          if (!racer) {
            // Another writer lands between our read of the head and our ref update.
            racer = await repo.seed(
              { 'README.md': 'written by someone else\n' },
              'other writer',
            );
          }
          const values = (await read('apps/payments-api/prod/values.yaml'))!;
          return [
            {
              path: 'apps/payments-api/prod/values.yaml',
              content: values.replace('1.4.2', '1.5.0'),
            },
          ];
        },
      });

      expect(result.attempts).toBe(2);
      expect(bases).toHaveLength(2);
      expect(bases[1]).toBe(racer);
      expect(result.baseSha).toBe(racer);
      expect(await repo.git('rev-parse', `${result.sha}^`)).toBe(racer);
      expect(await repo.git('show', 'main:README.md')).toBe(
        'written by someone else',
      );
      expect(
        await repo.git('show', 'main:apps/payments-api/prod/values.yaml'),
      ).toContain('1.5.0');
    });

    it('gives up with a ConflictError when the branch never holds still, landing nothing', async () => {
      const impatient = new LocalGitProvider({
        retry: { maxAttempts: 3, baseDelayMs: 1 },
      });
      let calls = 0;
      const request = edit(repo, {});
      await expect(
        impatient.commit({
          ...request,
          changes: async () => {
            calls++;
            await repo.seed(
              { [`other-${calls}.txt`]: `${calls}\n` },
              `racer ${calls}`,
            );
            return [{ path: 'mine.txt', content: 'mine\n' }];
          },
        }),
      ).rejects.toThrow(ConflictError);
      expect(calls).toBe(3);
      expect(await repo.git('ls-tree', '--name-only', 'main')).not.toContain(
        'mine.txt',
      );
    });

    it('lands both of two concurrent writers that use separate providers', async () => {
      const [a, b] = await Promise.all([
        new LocalGitProvider().commit(edit(repo, { 'a.txt': 'a\n' })),
        new LocalGitProvider().commit(edit(repo, { 'b.txt': 'b\n' })),
      ]);
      expect(new Set([a.sha, b.sha]).size).toBe(2);
      const files = await provider.listFiles(repo.url, 'main', '');
      expect(files).toEqual(expect.arrayContaining(['a.txt', 'b.txt']));
    });

    it('reads absent files as undefined and refuses unknown commits and branches', async () => {
      const head = await repo.git('rev-parse', 'main');
      await expect(
        provider.readFile(repo.url, head, 'apps/nope.yaml'),
      ).resolves.toBeUndefined();
      await expect(
        provider.readFile(repo.url, head, 'apps'),
      ).resolves.toBeUndefined();
      await expect(
        provider.readFile(repo.url, 'f'.repeat(40), 'README.md'),
      ).rejects.toThrow(NotFoundError);
      await expect(
        provider.resolveBranch({ url: repo.url, branch: 'release' }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        provider.commit({
          ...edit(repo, { 'x.txt': 'x' }),
          repo: { url: repo.url, branch: 'nope' },
        }),
      ).rejects.toThrow("Branch 'nope' not found");
      await expect(
        provider.resolveBranch({ url: repo.url, branch: '--upload-pack=x' }),
      ).rejects.toThrow(InputError);
    });

    it('logs the commits in (from, to], newest first, filtered by path', async () => {
      const from = await repo.git('rev-parse', 'main');
      const one = await provider.commit(
        edit(repo, { 'apps/ledger/dev/values.yaml': '1\n' }),
      );
      const two = await provider.commit(edit(repo, { 'README.md': '2\n' }));
      const three = await provider.commit(
        edit(repo, { 'apps/ledger/dev/values.yaml': '3\n' }),
      );

      const all = await provider.log(repo.url, { from, to: three.sha! });
      expect(all.map(c => c.sha)).toEqual([three.sha, two.sha, one.sha]);
      const ledger = await provider.log(repo.url, {
        from,
        to: 'main',
        paths: ['apps/ledger'],
      });
      expect(ledger.map(c => c.sha)).toEqual([three.sha, one.sha]);
      expect(
        await provider.log(repo.url, { to: 'main', limit: 2 }),
      ).toHaveLength(2);
    });

    it('cannot open pull requests on a local repository', async () => {
      await expect(
        provider.openPullRequest({
          ...edit(repo, {}),
          title: 't',
          body: 'b',
          headBranch: 'promo',
        }),
      ).rejects.toThrow(NotAllowedError);
    });
  },
);

describe('LocalGitProvider under concurrency', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createTestRepo('bare');
    await repo.seed({ 'README.md': 'start\n' });
  });
  afterEach(() => repo.cleanup());

  async function expectAllLanded(results: { sha?: string }[], start: string) {
    const shas = results.map(r => r.sha);
    expect(new Set(shas).size).toBe(20);
    // linear history: 20 single-parent commits on top of the start
    const history = (
      await repo.git('rev-list', '--parents', `${start}..main`)
    ).split('\n');
    expect(history).toHaveLength(20);
    expect(history.every(line => line.split(' ').length === 2)).toBe(true);
    expect(new Set(history.map(line => line.split(' ')[0]))).toEqual(
      new Set(shas),
    );
    for (let i = 0; i < 20; i++) {
      expect(await repo.git('show', `main:apps/app-${i}/values.yaml`)).toBe(
        `tag: "${i}"`,
      );
    }
  }

  const request = (i: number): GitCommitRequest => ({
    repo: { url: repo.url, branch: 'main' },
    message: `Promote app-${i}`,
    author,
    changes: async () => [
      { path: `apps/app-${i}/values.yaml`, content: `tag: "${i}"\n` },
    ],
  });

  it('lands 20 concurrent commits from one provider with no lost update', async () => {
    const start = await repo.git('rev-parse', 'main');
    const provider = new LocalGitProvider();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => provider.commit(request(i))),
    );
    expect(results.every(r => r.attempts === 1)).toBe(true); // queued in-process, never raced
    await expectAllLanded(results, start);
  }, 120_000);

  it('lands 20 concurrent commits from 20 independent writers through compare-and-swap retries', async () => {
    const start = await repo.git('rev-parse', 'main');
    // Twenty writers racing for one ref need more rounds than the default bound allows the unluckiest
    // of them; what this checks is that a lost race never loses an update.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new LocalGitProvider({ retry: { maxAttempts: 40 } }).commit(request(i)),
      ),
    );
    await expectAllLanded(results, start);
    // every lost race was retried and counted: 20 writers cannot all have won their first attempt
    expect(results.reduce((sum, r) => sum + r.attempts, 0)).toBeGreaterThan(20);
  }, 120_000);
});

describe('LocalGitProvider input checks', () => {
  it('refuses an author git could not record as given', async () => {
    const repo = await createTestRepo('bare');
    try {
      await repo.seed({ 'README.md': 'x\n' });
      const request = edit(repo, { 'a.txt': 'a\n' });
      for (const bad of [
        { name: '', email: 'e@x' },
        { name: 'Eve <eve@x>', email: 'e@x' },
        { name: 'Eve', email: 'e@x\nSlipway-Actor: user:default/admin' },
      ]) {
        await expect(
          new LocalGitProvider().commit({ ...request, author: bad }),
        ).rejects.toThrow(InputError);
      }
      await expect(
        new LocalGitProvider().commit({
          ...request,
          trailers: { 'Slipway-Actor': 'a\nb' },
        }),
      ).rejects.toThrow(InputError);
      expect(await repo.git('rev-list', '--count', 'main')).toBe('1');
    } finally {
      await repo.cleanup();
    }
  });
});
