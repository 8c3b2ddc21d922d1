import type { RepoPermissionCheck } from './permissions';

/**
 * Git providers: how Slipway reads delivery and manifest repositories and writes promotions.
 *
 * A provider serves the repository URLs it `supports` (GitHub, a local `file://` repository, ...). Every
 * write moves a branch by fast-forward only: a provider re-reads the branch and calls the change builder
 * again when another writer got there first, and never force-pushes.
 */

/** A branch of a repository. `url` is e.g. `https://github.com/o/r(.git)` or `file:///abs/path(.git)`. */
export interface GitRepoLocation {
  url: string;
  branch: string;
}

export interface GitAuthor {
  name: string;
  email: string;
}

/** The full new UTF-8 content of one file, by its path relative to the repository root. */
export interface GitFileChange {
  path: string;
  content: string;
}

export interface GitCommitInfo {
  sha: string;
  /** The full message, trailers included. */
  message: string;
  author: { name: string; email: string; /** ISO 8601 */ date: string };
  parents: string[];
  /** `Key: value` trailers of the message's last paragraph, e.g. `Slipway-Release`. */
  trailers: Record<string, string>;
}

/**
 * Computes the changes against the tree at `baseSha`; called again with the new head after a
 * non-fast-forward retry, so it must derive everything from `read` rather than from earlier reads.
 * `read` returns `undefined` for a file that does not exist at `baseSha`.
 */
export type GitChangeBuilder = (
  read: (path: string) => Promise<string | undefined>,
  baseSha: string,
) => Promise<GitFileChange[]>;

export interface GitCommitRequest {
  repo: GitRepoLocation;
  /** Subject and body; the trailers are appended after a blank line. */
  message: string;
  author: GitAuthor;
  /** e.g. `{ 'Slipway-Release': id, 'Slipway-Actor': 'user:default/dana' }` */
  trailers?: Record<string, string>;
  changes: GitChangeBuilder;
}

export interface GitCommitResult {
  /** The commit now at the branch head; `undefined` when every change was already present (no commit). */
  sha: string | undefined;
  /** The head the last attempt built on. */
  baseSha: string;
  /** 1 + the number of times another writer moved the branch first. */
  attempts: number;
  /** Paths whose content the commit changed (empty for a no-op). */
  changedPaths: string[];
}

export interface GitPullRequestRequest extends GitCommitRequest {
  title: string;
  body: string;
  /** Branch the change is committed to; created from `repo.branch` when missing, reused when present. */
  headBranch: string;
}

export interface GitPullRequest {
  url: string;
  number: number;
  headBranch: string;
  headSha: string;
  state: 'open' | 'merged' | 'closed';
  /** The commit the merge created on the base branch; only set once merged. */
  mergeSha?: string;
}

export interface GitLogOptions {
  /** Exclusive lower bound: commits reachable from `from` are left out. */
  from?: string;
  /** A commit SHA or branch name. */
  to: string;
  /** Only commits that changed one of these paths (files or directories). */
  paths?: string[];
  /** At most this many commits (newest first). */
  limit?: number;
}

/**
 * A repository host. Register more through `gitopsGitProvidersExtensionPoint`; see the package README
 * for the contract.
 */
export interface GitProvider {
  /** `'github'`, `'local'`, ... */
  readonly kind: string;
  /**
   * Why this provider cannot open pull requests (e.g. local `file://` repositories); absent when it
   * can. The portal does not offer the pull-request action for its repositories and says why.
   */
  readonly cannotHostPullRequests?: string;
  supports(url: string): boolean;
  /** The SHA at the branch head; `NotFoundError` when the branch does not exist. */
  resolveBranch(repo: GitRepoLocation): Promise<string>;
  /** The UTF-8 content of a file at a commit; `undefined` when absent. */
  readFile(url: string, sha: string, path: string): Promise<string | undefined>;
  /** Files under `dir` (`''` = everything), recursive, as paths relative to the repository root. */
  listFiles(url: string, sha: string, dir: string): Promise<string[]>;
  /** Commits in (from, to], newest first. */
  log(url: string, options: GitLogOptions): Promise<GitCommitInfo[]>;
  /**
   * The paths a commit changed against its first parent (every file, for a root commit). Optional:
   * the audit log's Git import records them when the provider can tell.
   */
  changedPaths?(url: string, sha: string): Promise<string[]>;
  /** One commit with every change, moved onto the branch by fast-forward only. */
  commit(request: GitCommitRequest): Promise<GitCommitResult>;
  /**
   * Commits the change to `headBranch` and opens a pull request into `repo.branch`; returns the open pull
   * request when one already exists for that branch. `undefined` when there is nothing to change.
   * Providers that cannot host pull requests throw `NotAllowedError`.
   */
  openPullRequest(
    request: GitPullRequestRequest,
  ): Promise<GitPullRequest | undefined>;
  getPullRequest(url: string, number: number): Promise<GitPullRequest>;
  /**
   * The provider's own permission check (see {@link RepoPermissionCheck}). A provider without one
   * cannot be promoted to on a user's behalf: Slipway refuses, since nobody could say who may write.
   * The built-in GitHub and local providers are checked by the plugin itself.
   */
  repositoryPermission?: RepoPermissionCheck['repositoryPermission'];
  /**
   * Marks a commit Slipway wrote with how its deployment goes (a GitHub commit status, a GitLab
   * pipeline status, a Git note), so the repository shows where it runs. Optional: without it nothing
   * is marked. A failure is logged and never fails the release.
   */
  setCommitStatus?(request: GitCommitStatusRequest): Promise<void>;
}

/** A deployment status for one commit, under one context (one per environment). */
export interface GitCommitStatusRequest {
  url: string;
  sha: string;
  /** Names what the status is about, e.g. `slipway/prod`; a newer status of a context replaces the older. */
  context: string;
  state: 'pending' | 'success' | 'failure';
  /** One line, e.g. "Verifying in Production". */
  description: string;
  /** The release page. */
  targetUrl?: string;
}

export interface GitProviderRegistry {
  /** The provider for a repository URL; throws `InputError` for URLs no provider supports. */
  forUrl(url: string): GitProvider;
}
