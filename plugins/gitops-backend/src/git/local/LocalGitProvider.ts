import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  branchName,
  BranchWriteQueue,
  collectChanges,
  commitAuthor,
  commitMessage,
  GitCommitInfo,
  GitCommitRequest,
  GitCommitResult,
  GitCommitStatusRequest,
  GitLogOptions,
  GitProvider,
  GitPullRequest,
  GitPullRequestRequest,
  GitRepoLocation,
  parseTrailers,
  repoDir,
  repoPath,
  RetryOptions,
  revision,
} from '@slipway/plugin-gitops-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  branchHead,
  commitOf,
  gitDirOf,
  readBlob,
  treeEntries,
} from './localRepository';
import { GitCommandError, git, runGit } from './runGit';

export interface LocalGitProviderOptions {
  retry?: RetryOptions;
  /** Committer of every commit; defaults to each commit's author. */
  committer?: { name: string; email: string };
}

// What `update-ref <ref> <new> <old>` says when the ref is no longer at <old> or another writer holds its lock.
const LOST_RACE =
  /but expected|cannot lock ref|unable to create .*\.lock|file exists/i;

/** Where commit statuses of local repositories are kept, as Git notes. */
const NOTES_REF = 'refs/notes/slipway';
const SLIPWAY_NOTES_AUTHOR = { name: 'Slipway', email: 'slipway@localhost' };

/**
 * Reads and writes `file://` repositories (bare or not) with the git CLI. Commits are made with plumbing,
 * without a work tree, and land only through `update-ref <branch> <new> <old>`: that compare-and-swap is the
 * fast-forward guarantee. In a non-bare repository a checked-out branch moves without its work tree.
 */
export class LocalGitProvider implements GitProvider {
  readonly kind = 'local';
  private readonly writes = new BranchWriteQueue();
  private readonly gitDirs = new Map<string, Promise<string>>();

  constructor(private readonly options: LocalGitProviderOptions = {}) {}

  supports(url: string): boolean {
    return url.startsWith('file://');
  }

  async resolveBranch(repo: GitRepoLocation): Promise<string> {
    const gitDir = await this.gitDir(repo.url);
    const head = await branchHead(gitDir, branchName(repo.branch));
    if (!head) {
      throw new NotFoundError(
        `Branch '${repo.branch}' not found in ${repo.url}`,
      );
    }
    return head;
  }

  async readFile(
    url: string,
    sha: string,
    path: string,
  ): Promise<string | undefined> {
    const gitDir = await this.gitDir(url);
    const content = await readBlob(gitDir, revision(sha), repoPath(path));
    if (content === undefined) {
      await commitOf(gitDir, sha); // an unknown commit is an error, not an absent file
    }
    return content;
  }

  async listFiles(url: string, sha: string, dir: string): Promise<string[]> {
    const gitDir = await this.gitDir(url);
    const commit = await commitOf(gitDir, revision(sha));
    const prefix = repoDir(dir);
    const { stdout } = await runGit([
      `--git-dir=${gitDir}`,
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      '--full-tree',
      commit,
      ...(prefix ? ['--', prefix] : []),
    ]);
    return stdout
      .toString('utf8')
      .split('\0')
      .filter(p => p && (!prefix || p.startsWith(`${prefix}/`)));
  }

  async changedPaths(url: string, sha: string): Promise<string[]> {
    const gitDir = await this.gitDir(url);
    const commit = await commitOf(gitDir, sha);
    // Against the first parent (a merge shows what it brought in); a root commit shows every file.
    const { stdout } = await runGit([
      `--git-dir=${gitDir}`,
      'diff-tree',
      '-r',
      '-z',
      '--name-only',
      '--no-commit-id',
      '--root',
      '-m',
      '--first-parent',
      commit,
    ]);
    return [...new Set(stdout.toString('utf8').split('\0').filter(Boolean))];
  }

  async log(url: string, options: GitLogOptions): Promise<GitCommitInfo[]> {
    const gitDir = await this.gitDir(url);
    const to = await commitOf(gitDir, revision(options.to));
    const from = options.from
      ? await commitOf(gitDir, revision(options.from))
      : undefined;
    const paths = (options.paths ?? []).map(p => repoDir(p)).filter(Boolean);
    const { stdout } = await runGit([
      `--git-dir=${gitDir}`,
      'log',
      '-z',
      `--max-count=${Math.max(1, options.limit ?? 250)}`,
      '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B',
      to,
      ...(from ? [`^${from}`] : []),
      '--',
      ...paths,
    ]);
    return stdout
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(record => {
        const [sha, parents, name, email, date, message] = record.split('\x1f');
        return {
          sha,
          message,
          author: { name, email, date },
          parents: parents ? parents.split(' ') : [],
          trailers: parseTrailers(message),
        };
      });
  }

  async commit(request: GitCommitRequest): Promise<GitCommitResult> {
    const gitDir = await this.gitDir(request.repo.url);
    const branch = branchName(request.repo.branch);
    const message = commitMessage(request.message, request.trailers);
    const author = commitAuthor(request.author);
    return this.writes.run(
      `${gitDir}\0${branch}`,
      `Commit to ${branch} of ${request.repo.url}`,
      this.options.retry ?? {},
      () => this.attemptCommit(gitDir, branch, message, { ...request, author }),
    );
  }

  /**
   * Appends `<context>: <state> — <description> <target>` to the commit's note in `refs/notes/slipway`
   * (read it with `git notes --ref=slipway show <sha>`): the local stand-in for a host's commit status.
   */
  async setCommitStatus(request: GitCommitStatusRequest): Promise<void> {
    const gitDir = await this.gitDir(request.url);
    const sha = await commitOf(gitDir, revision(request.sha));
    const line = `${request.context}: ${request.state} — ${
      request.description
    }${request.targetUrl ? ` ${request.targetUrl}` : ''}`;
    const committer = this.options.committer ?? SLIPWAY_NOTES_AUTHOR;
    await this.writes.run(
      `${gitDir}\0${NOTES_REF}`,
      `Note on ${sha} in ${request.url}`,
      this.options.retry ?? {},
      async () => {
        try {
          await runGit(
            [
              `--git-dir=${gitDir}`,
              'notes',
              `--ref=${NOTES_REF}`,
              'append',
              '-m',
              line,
              sha,
            ],
            {
              env: {
                GIT_AUTHOR_NAME: committer.name,
                GIT_AUTHOR_EMAIL: committer.email,
                GIT_COMMITTER_NAME: committer.name,
                GIT_COMMITTER_EMAIL: committer.email,
              },
            },
          );
          return {};
        } catch (error) {
          if (
            error instanceof GitCommandError &&
            LOST_RACE.test(error.stderr)
          ) {
            return 'lost-race';
          }
          throw error;
        }
      },
    );
  }

  readonly cannotHostPullRequests =
    'Local repositories cannot host pull requests; use the commit action for file:// repositories';

  async openPullRequest(
    _request: GitPullRequestRequest,
  ): Promise<GitPullRequest | undefined> {
    throw new NotAllowedError(this.cannotHostPullRequests);
  }

  async getPullRequest(_url: string, _number: number): Promise<GitPullRequest> {
    throw new NotAllowedError('Local repositories have no pull requests');
  }

  /** Where a URL's repository keeps its objects, looked up once per URL. */
  private gitDir(url: string): Promise<string> {
    let dir = this.gitDirs.get(url);
    if (!dir) {
      dir = gitDirOf(url);
      this.gitDirs.set(url, dir);
      dir.catch(() => this.gitDirs.delete(url));
    }
    return dir;
  }

  private async attemptCommit(
    gitDir: string,
    branch: string,
    message: string,
    request: GitCommitRequest,
  ): Promise<Omit<GitCommitResult, 'attempts'> | 'lost-race'> {
    const head = await branchHead(gitDir, branch);
    if (!head) {
      throw new NotFoundError(
        `Branch '${branch}' not found in ${request.repo.url}`,
      );
    }
    const changes = await collectChanges(request.changes, head, path =>
      readBlob(gitDir, head, path),
    );
    const current = await treeEntries(
      gitDir,
      head,
      changes.map(c => c.path),
    );
    const updates: string[] = [];
    const changedPaths: string[] = [];
    for (const change of changes) {
      const blob = await git(
        [`--git-dir=${gitDir}`, 'hash-object', '-w', '--stdin'],
        {
          input: change.content,
        },
      );
      const existing = current.get(change.path);
      if (existing?.type === 'blob' && existing.sha === blob) {
        continue;
      }
      if (existing && existing.type !== 'blob') {
        throw new InputError(
          `Cannot write '${change.path}': it is a directory`,
        );
      }
      const mode = existing?.mode === '100755' ? '100755' : '100644';
      updates.push(`${mode} ${blob}\t${change.path}\n`);
      changedPaths.push(change.path);
    }
    if (changedPaths.length === 0) {
      return { sha: undefined, baseSha: head, changedPaths };
    }

    const tree = await this.writeTree(gitDir, head, updates.join(''));
    const author = request.author;
    const committer = this.options.committer ?? author;
    const sha = await git(
      [`--git-dir=${gitDir}`, 'commit-tree', tree, '-p', head],
      {
        input: message,
        env: {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: committer.name,
          GIT_COMMITTER_EMAIL: committer.email,
        },
      },
    );
    try {
      await runGit([
        `--git-dir=${gitDir}`,
        'update-ref',
        '-m',
        'slipway: commit',
        `refs/heads/${branch}`,
        sha,
        head,
      ]);
    } catch (error) {
      if (error instanceof GitCommandError && LOST_RACE.test(error.stderr)) {
        return 'lost-race';
      }
      throw error;
    }
    return { sha, baseSha: head, changedPaths };
  }

  /** The tree of `head` with `updates` (`--index-info` lines) applied, built in a throwaway index. */
  private async writeTree(
    gitDir: string,
    head: string,
    updates: string,
  ): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'slipway-index-'));
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    try {
      await runGit([`--git-dir=${gitDir}`, 'read-tree', head], { env });
      await runGit([`--git-dir=${gitDir}`, 'update-index', '--index-info'], {
        env,
        input: updates,
      });
      return await git([`--git-dir=${gitDir}`, 'write-tree'], { env });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
