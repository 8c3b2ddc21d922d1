import { GitProvider, GitRepoLocation } from '@slipway/plugin-gitops-node';

/** What the delivery config loader needs of the delivery repository: one branch, read at commits. */
export interface DeliveryRepoReader {
  /** Commit SHA at the branch head. */
  headSha(): Promise<string>;
  /** Files under `dir` at a commit, recursive, as paths relative to the repository root. */
  listFiles(sha: string, dir: string): Promise<string[]>;
  /** UTF-8 content of a file at a commit; `undefined` when it does not exist. */
  readFile(sha: string, path: string): Promise<string | undefined>;
}

/** Reads the delivery repository through a Git provider (GitHub, or a local repository in the sandbox). */
export function gitProviderReader(
  provider: GitProvider,
  repo: GitRepoLocation,
): DeliveryRepoReader {
  return {
    headSha: () => provider.resolveBranch(repo),
    listFiles: (sha, dir) => provider.listFiles(repo.url, sha, dir),
    readFile: (sha, path) => provider.readFile(repo.url, sha, path),
  };
}
