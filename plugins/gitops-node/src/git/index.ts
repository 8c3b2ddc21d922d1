export type {
  GitAuthor,
  GitChangeBuilder,
  GitCommitInfo,
  GitCommitRequest,
  GitCommitResult,
  GitCommitStatusRequest,
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
// Building blocks for providers: the write protocol every provider follows (see the README).
export { repoPath, repoDir, branchName, revision } from './paths';
export { commitMessage, parseTrailers, commitAuthor } from './messages';
export { collectChanges } from './changes';
export { BranchWriteQueue } from './retry';
export type { Attempt, RetryOptions } from './retry';
export { KeyedQueue } from './KeyedQueue';
export { TtlCache } from './TtlCache';
export { gitBlobSha } from './blobSha';
