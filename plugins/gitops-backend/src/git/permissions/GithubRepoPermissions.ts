import { NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  githubError,
  githubMessage,
  githubStatus,
} from '../github/githubErrors';
import { GithubRepo, parseGithubUrl } from '../github/githubRepo';
import { githubPermissionLevel, RepoPermissionLevel } from './permissionLevels';
import { TtlCache } from '@slipway/plugin-gitops-node';

export interface GithubRepoPermissionsOptions {
  integrations: ScmIntegrationRegistry;
  /** Defaults to Backstage's provider over the same integrations (tokens and GitHub Apps). */
  credentialsProvider?: GithubCredentialsProvider;
  /** How long an answer is remembered (default 60 s). */
  cacheTtlMs?: number;
  /** Per-request timeout in ms (default 10000). */
  requestTimeoutMs?: number;
}

/** GitHub's answer for one user on one repository; `unknown` when GitHub does not know the user. */
export type GithubPermissionAnswer =
  | { kind: 'level'; level: RepoPermissionLevel }
  | { kind: 'unknown' };

/**
 * A GitHub user's permission on a repository (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`,
 * the highest grant across repository, team, organisation and enterprise), with Slipway's own
 * integration credentials. Answers, including "no such user", are remembered briefly; failures are not.
 */
export class GithubRepoPermissions {
  private readonly credentials: GithubCredentialsProvider;
  private readonly cache: TtlCache<GithubPermissionAnswer>;

  constructor(private readonly options: GithubRepoPermissionsOptions) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.cache = new TtlCache(options.cacheTtlMs ?? 60_000);
  }

  /** The repository when `url` is one of a configured GitHub integration. */
  repository(url: string): GithubRepo | undefined {
    const parsed = parseGithubUrl(url);
    return parsed && this.options.integrations.github.byHost(parsed.host)
      ? parsed
      : undefined;
  }

  permissionOf(
    repo: GithubRepo,
    login: string,
  ): Promise<GithubPermissionAnswer> {
    return this.cache.get(`${repo.url}\n${login.toLowerCase()}`, () =>
      this.fetch(repo, login),
    );
  }

  private async fetch(
    repo: GithubRepo,
    login: string,
  ): Promise<GithubPermissionAnswer> {
    const integration = this.options.integrations.github.byHost(repo.host)!;
    const { token } = await this.credentials.getCredentials({ url: repo.url });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      userAgent: 'slipway-gitops',
      request: {
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      },
    });
    const name = `${repo.owner}/${repo.repo}`;
    try {
      const { data } = await octokit.repos.getCollaboratorPermissionLevel({
        owner: repo.owner,
        repo: repo.repo,
        username: login,
        headers: { 'x-github-api-version': '2022-11-28' },
      });
      return { kind: 'level', level: githubPermissionLevel(data) };
    } catch (error) {
      const status = githubStatus(error);
      if (status === 404) return { kind: 'unknown' };
      if (status === 403 && /push access/i.test(githubMessage(error))) {
        // GitHub only tells callers with push access; Slipway's credentials lack it.
        throw new NotAllowedError(
          `Slipway cannot check who may write to ${name}: its GitHub credentials lack push access to the repository (GitHub: ${githubMessage(
            error,
          )})`,
        );
      }
      throw githubError(error, `checking the permission of '${login}'`, name);
    }
  }
}
