import {
  isRepoPermissionLevel,
  RepoPermissionLevel,
} from '@slipway/plugin-gitops-node';

// The levels are part of the provider contract in the node package.
export {
  atLeast,
  isRepoPermissionLevel,
  REPO_PERMISSION_LEVELS,
} from '@slipway/plugin-gitops-node';
export type { RepoPermissionLevel } from '@slipway/plugin-gitops-node';

/**
 * The level in GitHub's answer to "get repository permissions for a user". `permission` is the legacy
 * base role (maintain shows as write, triage as read), so the real `role_name` wins when it is one of
 * the base roles; a custom role falls back to its base `permission`.
 */
export function githubPermissionLevel(answer: {
  permission?: string;
  role_name?: string;
}): RepoPermissionLevel {
  if (isRepoPermissionLevel(answer.role_name)) return answer.role_name;
  if (isRepoPermissionLevel(answer.permission)) return answer.permission;
  return 'none';
}
