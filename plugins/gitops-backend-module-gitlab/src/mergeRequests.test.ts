import { setupServer } from 'msw/node';
import { GitlabDouble, PROJECT_URL } from './__testUtils__/gitlabDouble';
import { gitlabProvider } from './__testUtils__/gitlabWorld';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const values = (tag: string) => `image:\n  tag: "${tag}"\n`;

function start(config: Record<string, unknown> = {}) {
  const double = new GitlabDouble({
    'apps/shop/prod/values.yaml': values('1.0.0'),
  });
  server.use(...double.handlers());
  return { double, provider: gitlabProvider(config) };
}

const promotion = (tag: string, headBranch = 'slipway/shop/prod/api-r1') => ({
  repo: { url: PROJECT_URL, branch: 'main' },
  message: `Promote shop ${tag} to prod`,
  author: { name: 'Dana Deployer', email: 'dana@example.com' },
  trailers: { 'Slipway-Release': 'r1' },
  changes: async () => [
    { path: 'apps/shop/prod/values.yaml', content: values(tag) },
  ],
  title: `Promote shop ${tag} to prod`,
  body: 'Opened by Slipway for release r1.',
  headBranch,
});

describe('merge request promotions', () => {
  it('branches, commits, opens a merge request with description and labels, and records the merge commit once merged', async () => {
    const { double, provider } = start();
    const base = double.head('main');
    const opened = await provider.openPullRequest(promotion('1.1.0'));
    const head = double.head('slipway/shop/prod/api-r1');
    expect(opened).toEqual({
      url: `${PROJECT_URL}/-/merge_requests/1`,
      number: 1,
      headBranch: 'slipway/shop/prod/api-r1',
      headSha: head,
      state: 'open',
    });
    expect(double.commit(head).parents).toEqual([base]);
    expect(double.fileAt(head, 'apps/shop/prod/values.yaml')).toBe(
      values('1.1.0'),
    );
    // The target is untouched until a person merges.
    expect(double.head('main')).toBe(base);
    expect(double.mergeRequest(1)).toMatchObject({
      source: 'slipway/shop/prod/api-r1',
      target: 'main',
      title: 'Promote shop 1.1.0 to prod',
      description: 'Opened by Slipway for release r1.',
      labels: ['slipway'],
      state: 'opened',
    });

    await expect(
      provider.getPullRequest(PROJECT_URL, 1),
    ).resolves.toMatchObject({ state: 'open' });
    double.merge(1);
    const merged = await provider.getPullRequest(PROJECT_URL, 1);
    expect(merged).toEqual({
      ...opened,
      state: 'merged',
      mergeSha: double.head('main'),
    });
    expect(double.fileAt('main', 'apps/shop/prod/values.yaml')).toBe(
      values('1.1.0'),
    );
  });

  it('returns the open merge request when the promotion is opened again, and reuses its branch', async () => {
    const { double, provider } = start({
      gitops: { gitlab: { mergeRequests: { labels: ['deploy', 'prod'] } } },
    });
    const first = await provider.openPullRequest(promotion('1.1.0'));
    const again = await provider.openPullRequest(promotion('1.1.0'));
    expect(again).toEqual(first);
    expect(double.mergeRequest(1).labels).toEqual(['deploy', 'prod']);
    expect(
      double.calls.filter(
        c => c.method === 'POST' && c.path.endsWith('/merge_requests'),
      ),
    ).toHaveLength(2);
  });

  it('reports a merge request closed without merging as closed, and one with conflicts as still open', async () => {
    const { double, provider } = start();
    await provider.openPullRequest(promotion('1.1.0', 'slipway/a'));
    await provider.openPullRequest(promotion('1.2.0', 'slipway/b'));
    double.close(1);
    double.conflict(2);
    await expect(
      provider.getPullRequest(PROJECT_URL, 1),
    ).resolves.toMatchObject({
      state: 'closed',
    });
    const conflicted = await provider.getPullRequest(PROJECT_URL, 2);
    expect(conflicted.state).toBe('open');
    expect(conflicted).not.toHaveProperty('mergeSha');
  });

  it('opens nothing and leaves no branch when the target already holds the change', async () => {
    const { double, provider } = start();
    await expect(
      provider.openPullRequest(promotion('1.0.0')),
    ).resolves.toBeUndefined();
    expect(double.hasBranch('slipway/shop/prod/api-r1')).toBe(false);
    expect(double.calls.some(c => c.path.endsWith('/merge_requests'))).toBe(
      false,
    );
  });

  it('refuses a merge request into its own branch', async () => {
    const { provider } = start();
    await expect(
      provider.openPullRequest(promotion('1.1.0', 'main')),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
