/** Repository permission levels, lowest first, as GitHub names its base roles. */
export const REPO_PERMISSION_LEVELS = [
  'none',
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
] as const;

export type RepoPermissionLevel = (typeof REPO_PERMISSION_LEVELS)[number];

export function isRepoPermissionLevel(
  value: unknown,
): value is RepoPermissionLevel {
  return REPO_PERMISSION_LEVELS.includes(value as RepoPermissionLevel);
}

/** True when `level` grants at least `minimum`. */
export function atLeast(
  level: RepoPermissionLevel,
  minimum: RepoPermissionLevel,
): boolean {
  return (
    REPO_PERMISSION_LEVELS.indexOf(level) >=
    REPO_PERMISSION_LEVELS.indexOf(minimum)
  );
}

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
