import { setupServer } from 'msw/node';
import {
  GitlabDouble,
  gitlabErrorAnswer,
  PROJECT,
  PROJECT_URL,
} from '../__testUtils__/gitlabDouble';
import {
  gitlabProvider,
  subject,
  userEntity,
} from '../__testUtils__/gitlabWorld';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function start(config: Record<string, unknown> = {}) {
  const double = new GitlabDouble({ 'values.yaml': 'tag: 1.0.0\n' });
  double.addUser('dana', 30);
  double.addUser('rae', 20);
  double.addUser('max', 40);
  double.addUser('owen', 50);
  double.addUser('sam');
  server.use(...double.handlers());
  return { double, provider: gitlabProvider(config) };
}

describe("the users' GitLab access check", () => {
  it("maps GitLab's access level onto Slipway's levels and says where it comes from", async () => {
    const { provider } = start();
    const ask = (name: string) =>
      provider.repositoryPermission(
        subject(`user:default/${name}`, userEntity(name, name)),
        PROJECT_URL,
      );
    await expect(ask('dana')).resolves.toEqual({
      level: 'write',
      source: `GitLab user 'dana' has Developer (30) access to ${PROJECT}`,
    });
    await expect(ask('max')).resolves.toMatchObject({ level: 'maintain' });
    await expect(ask('owen')).resolves.toMatchObject({ level: 'admin' });
  });

  it("refuses below Developer, naming GitLab's access level", async () => {
    const { provider } = start();
    await expect(
      provider.repositoryPermission(
        subject('user:default/rae', userEntity('rae', 'rae')),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused: `GitLab user 'rae' has Reporter (20) access to ${PROJECT}; Developer (30) is required (gitops.gitlab.minimumAccessLevel)`,
    });
    await expect(
      provider.repositoryPermission(
        subject('user:default/sam', userEntity('sam', 'sam')),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused: `GitLab user 'sam' is not a member of ${PROJECT} (No access (0)); Developer (30) is required (gitops.gitlab.minimumAccessLevel)`,
    });
  });

  it('takes a configured minimum', async () => {
    const { provider } = start({
      gitops: { gitlab: { minimumAccessLevel: 40 } },
    });
    await expect(
      provider.repositoryPermission(
        subject('user:default/dana', userEntity('dana', 'dana')),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused: `GitLab user 'dana' has Developer (30) access to ${PROJECT}; Maintainer (40) is required (gitops.gitlab.minimumAccessLevel)`,
    });
    expect(() =>
      gitlabProvider({ gitops: { gitlab: { minimumAccessLevel: 25 } } }),
    ).toThrow(
      'gitops.gitlab.minimumAccessLevel: 25 is not a GitLab access level; use one of Minimal access (5), Guest (10), Planner (15), Reporter (20), Developer (30), Maintainer (40), Owner (50), Admin (60)',
    );
  });

  it('finds the GitLab account from the annotation, else from gitops.gitlab.users, else refuses with the reason', async () => {
    const { provider } = start({
      gitops: {
        gitlab: { users: [{ user: 'user:default/Dana-M', username: 'dana' }] },
      },
    });
    await expect(
      provider.repositoryPermission(
        subject('user:default/dana-m', userEntity('dana-m')),
        PROJECT_URL,
      ),
    ).resolves.toMatchObject({ level: 'write' });
    await expect(
      provider.repositoryPermission(
        subject('user:default/noa', userEntity('noa')),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused:
        "the user's catalog entity has no gitlab.com/user-login annotation and gitops.gitlab.users does not name their GitLab account",
    });
    await expect(
      provider.repositoryPermission(
        subject('user:default/ghost', undefined),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused:
        'the user is not in the catalog and gitops.gitlab.users does not name their GitLab account',
    });
    await expect(
      provider.repositoryPermission(
        subject('user:default/ivy', userEntity('ivy', 'ivy-gl')),
        PROJECT_URL,
      ),
    ).resolves.toEqual({
      refused: "GitLab (gitlab.example.test) does not know the user 'ivy-gl'",
    });
  });

  it('remembers answers for a minute, so the check before each commit asks GitLab nothing', async () => {
    const { double, provider } = start();
    const dana = subject('user:default/dana', userEntity('dana', 'dana'));
    await provider.repositoryPermission(dana, PROJECT_URL);
    await provider.repositoryPermission(dana, PROJECT_URL);
    await provider.repositoryPermission(dana, PROJECT_URL);
    expect(double.calls).toHaveLength(2);

    const uncached = start({ gitops: { git: { permissionCacheSeconds: 0 } } });
    await uncached.provider.repositoryPermission(dana, PROJECT_URL);
    await uncached.provider.repositoryPermission(dana, PROJECT_URL);
    expect(uncached.double.calls).toHaveLength(4);
  });

  it('throws when GitLab cannot be asked, rather than refusing, and does not remember the failure', async () => {
    const { double, provider } = start();
    const dana = subject('user:default/dana', userEntity('dana', 'dana'));
    double.failNext('GET', /members/, () => gitlabErrorAnswer('forbidden'));
    await expect(
      provider.repositoryPermission(dana, PROJECT_URL),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `GitLab refused checking the access of 'dana' on ${PROJECT} (403 403 Forbidden)`,
    });
    await expect(
      provider.repositoryPermission(dana, PROJECT_URL),
    ).resolves.toMatchObject({ level: 'write' });
  });
});
