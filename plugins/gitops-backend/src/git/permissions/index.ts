export { RepoWriteGuard } from './RepoWriteGuard';
export type {
  RepoWriteDecision,
  RepoWriteGuardOptions,
} from './RepoWriteGuard';
export { GithubRepoPermissions } from './GithubRepoPermissions';
export type { GithubRepoPermissionsOptions } from './GithubRepoPermissions';
export { GithubLogins, GITHUB_LOGIN_ANNOTATION } from './GithubLogins';
export { LocalRepoPermissions } from './LocalRepoPermissions';
export { readGitPermissionConfig } from './gitPermissionConfig';
export type {
  GitPermissionConfig,
  LocalPermissionRule,
} from './gitPermissionConfig';
export {
  REPO_PERMISSION_LEVELS,
  atLeast,
  githubPermissionLevel,
} from './permissionLevels';
export type { RepoPermissionLevel } from './permissionLevels';
