import type { RepoPermissionLevel } from '@slipway/plugin-gitops-node';

/** GitLab's member access levels, as its Members API numbers and names them. */
const ACCESS_LEVEL_NAMES: Record<number, string> = {
  0: 'No access',
  5: 'Minimal access',
  10: 'Guest',
  15: 'Planner',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
  60: 'Admin',
};

/** The levels a minimum may name (`gitops.gitlab.minimumAccessLevel`). */
export const GITLAB_ACCESS_LEVELS = Object.keys(ACCESS_LEVEL_NAMES)
  .map(Number)
  .filter(level => level > 0);

/** `Reporter (20)`, the way people read a GitLab access level in a refusal. */
export function accessLevelName(level: number): string {
  const name = ACCESS_LEVEL_NAMES[level];
  return name ? `${name} (${level})` : `access level ${level}`;
}

/**
 * The Slipway (GitHub-named) level a GitLab access level grants: Developer may push, as GitHub's
 * write does; Reporter reads and triages; Maintainer and Owner also manage the project.
 */
export function repoPermissionOf(level: number): RepoPermissionLevel {
  if (level >= 50) return 'admin';
  if (level >= 40) return 'maintain';
  if (level >= 30) return 'write';
  if (level >= 20) return 'triage';
  if (level >= 10) return 'read';
  return 'none';
}
