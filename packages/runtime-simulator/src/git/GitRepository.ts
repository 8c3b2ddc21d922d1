import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rfc3339 } from '../argocd/time';

const execFileAsync = promisify(execFile);

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
  message: string;
  tags: string[];
}

export class GitError extends Error {}

/** Turns an Application repoURL into a local git dir; only `file://` URLs and absolute paths are readable. */
export function localGitDir(repoURL: string): string | undefined {
  if (repoURL.startsWith('file://')) return fileURLToPath(repoURL);
  if (repoURL.startsWith('/')) return repoURL;
  return undefined;
}

/** Read-only access to a (bare) repository through the `git` CLI. */
export class GitRepository {
  constructor(readonly gitDir: string) {}

  private async git(args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(
        'git',
        [`--git-dir=${this.gitDir}`, ...args],
        {
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
          maxBuffer: 16 * 1024 * 1024,
          timeout: 10_000,
        },
      );
      return stdout;
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new GitError(
        `git ${args[0]} failed in ${this.gitDir}: ${stderr || String(error)}`,
      );
    }
  }

  /** Resolves a branch, tag or SHA to a commit SHA. */
  async resolve(revision: string): Promise<string> {
    const rev = revision === '' ? 'HEAD' : revision;
    try {
      return (
        await this.git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
      ).trim();
    } catch {
      throw new GitError(`unable to resolve '${rev}' to a commit SHA`);
    }
  }

  /** The file's content at the commit, or undefined when it does not exist there. */
  async readFile(sha: string, path: string): Promise<string | undefined> {
    const listing = await this.git(['ls-tree', sha, '--', path]);
    if (listing.trim() === '') return undefined;
    return this.git(['cat-file', 'blob', `${sha}:${path}`]);
  }

  async pathExists(sha: string, path: string): Promise<boolean> {
    const clean = path.replace(/^\.?\/+|\/+$/g, '');
    if (clean === '' || clean === '.') return true;
    return (await this.git(['ls-tree', sha, '--', clean])).trim() !== '';
  }

  async commit(revision: string): Promise<CommitInfo> {
    const sha = await this.resolve(revision);
    const out = await this.git([
      'show',
      '-s',
      '--format=%H%x00%an <%ae>%x00%aI%x00%B',
      sha,
    ]);
    const [hash, author, date, message] = out.split('\0');
    const tags = (await this.git(['tag', '--points-at', sha]))
      .split('\n')
      .map(t => t.trim())
      .filter(Boolean);
    return {
      sha: hash,
      author,
      date: rfc3339(new Date(date)),
      message: message.replace(/\n+$/, ''),
      tags,
    };
  }

  /** The most recent commits reachable from `sha` that touched `path`, newest first. */
  async commitsTouching(
    sha: string,
    path: string,
    limit: number,
  ): Promise<{ sha: string; date: string }[]> {
    const out = await this.git([
      'log',
      `-n${limit}`,
      '--format=%H %aI',
      sha,
      '--',
      path,
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [hash, date] = line.split(' ');
        return { sha: hash, date };
      });
  }
}
