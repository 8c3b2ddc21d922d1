import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  accessLevelName,
  GITLAB_ACCESS_LEVELS,
} from './permissions/accessLevels';

/** What the module reads from `gitops.gitlab` (and `gitops.git.permissionCacheSeconds`). */
export interface GitlabModuleConfig {
  minimumAccessLevel: number;
  /** GitLab usernames by lower-cased user entity ref. */
  usernames: Map<string, string>;
  mergeRequestLabels: string[];
  /** How long a user's GitLab access is remembered (the gitops plugin's permission cache setting). */
  permissionCacheMs: number;
}

export function readGitlabConfig(config: Config): GitlabModuleConfig {
  const minimumAccessLevel =
    config.getOptionalNumber('gitops.gitlab.minimumAccessLevel') ?? 30;
  if (!GITLAB_ACCESS_LEVELS.includes(minimumAccessLevel)) {
    throw new InputError(
      `gitops.gitlab.minimumAccessLevel: ${minimumAccessLevel} is not a GitLab access level; use one of ${GITLAB_ACCESS_LEVELS.map(
        accessLevelName,
      ).join(', ')}`,
    );
  }
  const usernames = new Map<string, string>();
  for (const entry of config.getOptionalConfigArray('gitops.gitlab.users') ??
    []) {
    const user = entry.getString('user');
    if (!/^user:/i.test(user)) {
      throw new InputError(
        `gitops.gitlab.users: '${user}' is not a user entity ref (user:<namespace>/<name>)`,
      );
    }
    usernames.set(
      user.toLocaleLowerCase('en-US'),
      entry.getString('username').trim(),
    );
  }
  const labels = config.getOptionalStringArray(
    'gitops.gitlab.mergeRequests.labels',
  ) ?? ['slipway'];
  const seconds =
    config.getOptionalNumber('gitops.git.permissionCacheSeconds') ?? 60;
  return {
    minimumAccessLevel,
    usernames,
    mergeRequestLabels: labels,
    permissionCacheMs: seconds * 1000,
  };
}
