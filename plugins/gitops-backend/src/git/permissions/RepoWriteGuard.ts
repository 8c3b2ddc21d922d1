import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  GitProviderRegistry,
  RepoPermissionCheck,
} from '@slipway/plugin-gitops-node';
import {
  GitPermissionConfig,
  readGitPermissionConfig,
} from './gitPermissionConfig';
import { GITHUB_LOGIN_ANNOTATION, GithubLogins } from './GithubLogins';
import { GithubRepoPermissions } from './GithubRepoPermissions';
import { LocalRepoPermissions } from './LocalRepoPermissions';
import { atLeast, RepoPermissionLevel } from './permissionLevels';

/** The outcome of a write check, with the reason a person reads in a refusal or the audit log. */
export interface RepoWriteDecision {
  allowed: boolean;
  /** The user's level on the repository, when it could be determined. */
  level?: RepoPermissionLevel;
  minimum: RepoPermissionLevel;
  reason: string;
}

export interface RepoWriteGuardOptions {
  config: GitPermissionConfig;
  github: GithubRepoPermissions;
  logins: GithubLogins;
  /** Providers that bring their own permission check (`GitProvider.repositoryPermission`) are asked first. */
  providers?: GitProviderRegistry;
}

/**
 * Decides whether Slipway may write to a repository on a user's behalf: a user who cannot write to a
 * repository cannot make Slipway write to it. On GitHub the user's login comes from the
 * `github.com/user-login` annotation of their catalog entity and their permission from GitHub; local
 * `file://` repositories use `gitops.git.localPermissions`. Anything else is refused, since nobody
 * could say who may write there.
 */
export class RepoWriteGuard {
  static fromConfig(
    config: Config,
    deps: {
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      auth: AuthService;
      providers?: GitProviderRegistry;
    },
  ): RepoWriteGuard {
    const gitConfig = readGitPermissionConfig(config);
    return new RepoWriteGuard({
      config: gitConfig,
      github: new GithubRepoPermissions({
        integrations: ScmIntegrations.fromConfig(config),
        cacheTtlMs: gitConfig.cacheTtlMs,
      }),
      logins: new GithubLogins({ ...deps, cacheTtlMs: gitConfig.cacheTtlMs }),
      providers: deps.providers,
    });
  }

  private readonly local: LocalRepoPermissions;

  constructor(private readonly options: RepoWriteGuardOptions) {
    this.local = new LocalRepoPermissions(options.config.localPermissions);
  }

  /** Throws NotAllowedError (403) naming the user, the repository and why, unless the user may write. */
  async assertCanWrite(userRef: string, repoUrl: string): Promise<void> {
    const decision = await this.check(userRef, repoUrl);
    if (!decision.allowed) {
      throw new NotAllowedError(decision.reason);
    }
  }

  /** The decision without throwing, e.g. for showing it ahead of a write. Errors reaching GitHub still throw. */
  async check(userRef: string, repoUrl: string): Promise<RepoWriteDecision> {
    const minimum = this.options.config.minimumPermission;
    const refused = (reason: string, level?: RepoPermissionLevel) => ({
      allowed: false,
      level,
      minimum,
      reason: `Slipway will not write to ${repoUrl} for ${userRef}: ${reason}`,
    });
    if (!/^user:/i.test(userRef)) {
      return refused('writes are made on behalf of users only');
    }

    const ownCheck = this.providerCheck(repoUrl);
    if (ownCheck) {
      const answer = await ownCheck.repositoryPermission(
        {
          userRef,
          entity: () => this.options.logins.entity(userRef),
        },
        repoUrl,
      );
      if (answer.level === undefined) return refused(answer.refused);
      return atLeast(answer.level, minimum)
        ? { allowed: true, level: answer.level, minimum, reason: answer.source }
        : refused(
            `their permission is ${answer.level} (${answer.source}); ${minimum} is required (gitops.git.minimumPermission)`,
            answer.level,
          );
    }

    if (repoUrl.startsWith('file://')) {
      const groups = this.local.namesGroups(repoUrl)
        ? (await this.options.logins.account(userRef)).groups
        : [];
      const { level, source } = this.local.levelOf(userRef, repoUrl, groups);
      return atLeast(level, minimum)
        ? { allowed: true, level, minimum, reason: `${level} (${source})` }
        : refused(
            `their permission is ${level} (${source}); ${minimum} is required (gitops.git.minimumPermission)`,
            level,
          );
    }

    const repo = this.options.github.repository(repoUrl);
    if (!repo) {
      return refused(
        'it is neither a repository of a configured GitHub integration nor a local repository, so its permissions cannot be checked',
      );
    }
    const account = await this.options.logins.account(userRef);
    if (!account.found) {
      return refused('the user is not in the catalog');
    }
    if (!account.githubLogin) {
      return refused(
        `the user's catalog entity has no ${GITHUB_LOGIN_ANNOTATION} annotation naming their GitHub account`,
      );
    }
    const login = account.githubLogin;
    const answer = await this.options.github.permissionOf(repo, login);
    if (answer.kind === 'unknown') {
      return refused(
        `GitHub does not know the user '${login}' (${GITHUB_LOGIN_ANNOTATION}) on ${repo.owner}/${repo.repo}`,
      );
    }
    return atLeast(answer.level, minimum)
      ? {
          allowed: true,
          level: answer.level,
          minimum,
          reason: `GitHub user '${login}' has ${answer.level} on ${repo.owner}/${repo.repo}`,
        }
      : refused(
          `GitHub user '${login}' has ${answer.level} permission on ${repo.owner}/${repo.repo}; ${minimum} is required (gitops.git.minimumPermission)`,
          answer.level,
        );
  }

  /** The permission check of the provider serving the repository, when it brings one. */
  private providerCheck(repoUrl: string): RepoPermissionCheck | undefined {
    let provider;
    try {
      provider = this.options.providers?.forUrl(repoUrl);
    } catch {
      return undefined; // No provider serves it: refused below unless it is GitHub or local.
    }
    const check = provider?.repositoryPermission;
    return check ? { repositoryPermission: check.bind(provider) } : undefined;
  }
}
