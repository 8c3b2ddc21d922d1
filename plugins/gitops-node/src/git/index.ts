export type {
  GitAuthor,
  GitChangeBuilder,
  GitCommitInfo,
  GitCommitRequest,
  GitCommitResult,
  GitFileChange,
  GitLogOptions,
  GitProvider,
  GitProviderRegistry,
  GitPullRequest,
  GitPullRequestRequest,
  GitRepoLocation,
} from './types';
export { gitopsGitProvidersExtensionPoint } from './extensionPoint';
export type { GitopsGitProvidersExtensionPoint } from './extensionPoint';
export {
  REPO_PERMISSION_LEVELS,
  atLeast,
  isRepoPermissionLevel,
} from './permissions';
export type {
  RepoPermissionAnswer,
  RepoPermissionCheck,
  RepoPermissionLevel,
  RepoPermissionSubject,
} from './permissions';
