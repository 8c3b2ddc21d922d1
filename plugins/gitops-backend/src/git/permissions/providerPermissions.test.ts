import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  GitProvider,
  RepoPermissionAnswer,
  RepoPermissionSubject,
} from '@slipway/plugin-gitops-node';
import { createTestRepo, TestRepo } from '../__testUtils__/localRepos';
import { GitProviders } from '../GitProviders';
import { LocalGitProvider } from '../local/LocalGitProvider';
import { RepoWriteGuard } from './RepoWriteGuard';

const HOST = 'https://git.example.test/';
const LOGIN_ANNOTATION = 'git.example.test/login';

/**
 * A host the plugin knows nothing about: repositories under `https://git.example.test/<name>` are
 * local repositories, and the host's own membership table says who may do what.
 */
class ExampleHostProvider implements GitProvider {
  readonly kind = 'example-host';
  private readonly local = new LocalGitProvider();
  readonly asked: string[] = [];
  readonly repositoryPermission?: GitProvider['repositoryPermission'];

  /** Without `members` the provider brings no permission check. */
  constructor(
    private readonly repos: Record<string, TestRepo>,
    private readonly members?: Record<string, RepoPermissionAnswer['level']>,
  ) {
    if (members) this.repositoryPermission = this.membership;
  }

  supports(url: string) {
    return url.startsWith(HOST);
  }
  private localUrl(url: string) {
    const repo = this.repos[url.slice(HOST.length)];
    if (!repo) throw new NotAllowedError(`no repository ${url}`);
    return repo.url;
  }
  resolveBranch(repo: { url: string; branch: string }) {
    return this.local.resolveBranch({ ...repo, url: this.localUrl(repo.url) });
  }
  readFile(url: string, sha: string, path: string) {
    return this.local.readFile(this.localUrl(url), sha, path);
  }
  listFiles(url: string, sha: string, dir: string) {
    return this.local.listFiles(this.localUrl(url), sha, dir);
  }
  log(url: string, options: Parameters<GitProvider['log']>[1]) {
    return this.local.log(this.localUrl(url), options);
  }
  commit(request: Parameters<GitProvider['commit']>[0]) {
    const url = this.localUrl(request.repo.url);
    return this.local.commit({ ...request, repo: { ...request.repo, url } });
  }
  openPullRequest(): never {
    throw new NotAllowedError('example-host has no pull requests');
  }
  getPullRequest(): never {
    throw new NotAllowedError('example-host has no pull requests');
  }

  private readonly membership = async (
    subject: RepoPermissionSubject,
    url: string,
  ): Promise<RepoPermissionAnswer> => {
    this.asked.push(`${subject.userRef} ${url}`);
    const entity = await subject.entity();
    const login = entity?.metadata.annotations?.[LOGIN_ANNOTATION];
    if (!login) {
      return { refused: `the user has no ${LOGIN_ANNOTATION} annotation` };
    }
    const level = this.members?.[login];
    return level
      ? { level, source: `example-host member '${login}' is ${level}` }
      : { refused: `example-host does not know '${login}'` };
  };
}

function user(name: string, login?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      ...(login ? { annotations: { [LOGIN_ANNOTATION]: login } } : {}),
    },
    spec: {},
  };
}

describe('a Git provider with its own permission check', () => {
  let repo: TestRepo;
  let provider: ExampleHostProvider;
  let providers: GitProviders;
  let guard: RepoWriteGuard;
  const url = `${HOST}acme/manifests`;

  beforeAll(async () => {
    repo = await createTestRepo('bare');
    await repo.seed({ 'values.yaml': 'tag: 1.0.0\n' });
    provider = new ExampleHostProvider(
      { 'acme/manifests': repo },
      { dana: 'write', rae: 'read' },
    );
    const config = new ConfigReader({});
    providers = GitProviders.fromConfig(config, { extraProviders: [provider] });
    guard = RepoWriteGuard.fromConfig(config, {
      catalog: catalogServiceMock({
        entities: [user('dana', 'dana'), user('rae', 'rae'), user('noa')],
      }),
      auth: mockServices.auth(),
      providers,
    });
  });
  afterAll(() => repo.cleanup());

  it('lets a user the host grants write promote to it, and the write lands', async () => {
    await expect(guard.check('user:default/dana', url)).resolves.toEqual({
      allowed: true,
      level: 'write',
      minimum: 'write',
      reason: "example-host member 'dana' is write",
    });
    const result = await providers.forUrl(url).commit({
      repo: { url, branch: 'main' },
      message: 'Promote to 1.1.0',
      author: { name: 'Slipway', email: 'slipway@example.com' },
      changes: async () => [{ path: 'values.yaml', content: 'tag: 1.1.0\n' }],
    });
    expect(result.sha).toBe(await repo.git('rev-parse', 'main'));
    expect(provider.asked).toContain(`user:default/dana ${url}`);
  });

  it("refuses with the host's level or the host's own reason", async () => {
    await expect(guard.assertCanWrite('user:default/rae', url)).rejects.toThrow(
      `Slipway will not write to ${url} for user:default/rae: their permission is read (example-host member 'rae' is read); write is required (gitops.git.minimumPermission)`,
    );
    await expect(guard.assertCanWrite('user:default/noa', url)).rejects.toThrow(
      `Slipway will not write to ${url} for user:default/noa: the user has no ${LOGIN_ANNOTATION} annotation`,
    );
  });

  it('still refuses a host whose provider brings no check', async () => {
    const withoutCheck = GitProviders.fromConfig(new ConfigReader({}), {
      extraProviders: [new ExampleHostProvider({ 'acme/manifests': repo })],
    });
    const strict = RepoWriteGuard.fromConfig(new ConfigReader({}), {
      catalog: catalogServiceMock({ entities: [user('dana', 'dana')] }),
      auth: mockServices.auth(),
      providers: withoutCheck,
    });
    await expect(
      strict.assertCanWrite('user:default/dana', url),
    ).rejects.toThrow(
      'neither a repository of a configured GitHub integration nor a local repository',
    );
  });
});
