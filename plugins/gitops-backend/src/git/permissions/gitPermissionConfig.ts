import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  isRepoPermissionLevel,
  REPO_PERMISSION_LEVELS,
  RepoPermissionLevel,
} from './permissionLevels';

/** One `gitops.git.localPermissions` entry: who may do what in the local repositories `repo` matches. */
export interface LocalPermissionRule {
  /** A `file://` URL, or a glob over URLs (`*` within one path segment, `**` across segments). */
  repo: string;
  /** User or group entity refs and their level. */
  users: Record<string, RepoPermissionLevel>;
  /** The level of everyone not listed in `users` (default `none`). */
  default: RepoPermissionLevel;
}

export interface GitPermissionConfig {
  /** The least permission a user needs on a repository for Slipway to write to it for them. */
  minimumPermission: RepoPermissionLevel;
  /** Empty: every user may write local repositories (they are for the sandbox only). */
  localPermissions: LocalPermissionRule[];
  /** How long a user's GitHub permission and login are remembered. */
  cacheTtlMs: number;
}

function level(value: string | undefined, key: string): RepoPermissionLevel {
  if (value === undefined) return 'none';
  if (!isRepoPermissionLevel(value)) {
    throw new InputError(
      `${key}: '${value}' is not a permission level; use one of ${REPO_PERMISSION_LEVELS.join(
        ', ',
      )}`,
    );
  }
  return value;
}

/** Reads `gitops.git.minimumPermission`, `gitops.git.localPermissions` and `gitops.git.permissionCacheSeconds`. */
export function readGitPermissionConfig(config: Config): GitPermissionConfig {
  const minimumPermission = level(
    config.getOptionalString('gitops.git.minimumPermission') ?? 'write',
    'gitops.git.minimumPermission',
  );
  const localPermissions = (
    config.getOptionalConfigArray('gitops.git.localPermissions') ?? []
  ).map((entry, index) => {
    const at = `gitops.git.localPermissions[${index}]`;
    // Read whole: entity refs (`user:default/x`) are not valid config keys for getString.
    const users = entry.getOptional('users') ?? {};
    if (typeof users !== 'object' || Array.isArray(users)) {
      throw new InputError(
        `${at}.users must map entity refs to permission levels`,
      );
    }
    return {
      repo: entry.getString('repo'),
      users: Object.fromEntries(
        Object.entries(users).map(([ref, value]) => [
          ref.toLocaleLowerCase('en-US'),
          level(String(value), `${at}.users.${ref}`),
        ]),
      ),
      default: level(entry.getOptionalString('default'), `${at}.default`),
    };
  });
  const seconds =
    config.getOptionalNumber('gitops.git.permissionCacheSeconds') ?? 60;
  return { minimumPermission, localPermissions, cacheTtlMs: seconds * 1000 };
}
