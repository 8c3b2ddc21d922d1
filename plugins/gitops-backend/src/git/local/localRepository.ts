import { InputError, NotFoundError } from '@backstage/errors';
import { fileURLToPath } from 'node:url';
import { GitCommandError, git, runGit } from './runGit';

/**
 * The git directory of a `file://` repository URL: the repository itself when bare, its `.git` otherwise.
 */
export async function gitDirOf(url: string): Promise<string> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    throw new InputError(`Invalid file:// repository URL '${url}'`);
  }
  try {
    return await git(['-C', path, 'rev-parse', '--absolute-git-dir']);
  } catch (error) {
    if (error instanceof GitCommandError || isMissingDir(error)) {
      throw new NotFoundError(`No Git repository at ${url}`);
    }
    throw error;
  }
}

function isMissingDir(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** The commit a branch points at, or undefined when the branch does not exist. */
export async function branchHead(
  gitDir: string,
  branch: string,
): Promise<string | undefined> {
  const { code, stdout } = await runGit(
    [
      `--git-dir=${gitDir}`,
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/heads/${branch}^{commit}`,
    ],
    { okCodes: [1] },
  );
  return code === 0 ? stdout.toString('utf8').trim() : undefined;
}

/** A commit SHA for a revision the caller gave (SHA or branch name); NotFoundError when unknown. */
export async function commitOf(gitDir: string, rev: string): Promise<string> {
  const { code, stdout } = await runGit(
    [
      `--git-dir=${gitDir}`,
      'rev-parse',
      '--verify',
      '--quiet',
      `${rev}^{commit}`,
    ],
    { okCodes: [1, 128] },
  );
  if (code !== 0) {
    throw new NotFoundError(`Unknown revision '${rev}'`);
  }
  return stdout.toString('utf8').trim();
}

/** A file's content at a commit, or undefined when there is no file at that path. */
export async function readBlob(
  gitDir: string,
  commit: string,
  path: string,
): Promise<string | undefined> {
  const { stdout } = await runGit(
    [`--git-dir=${gitDir}`, 'cat-file', '--batch'],
    { input: `${commit}:${path}\n` },
  );
  const headerEnd = stdout.indexOf(0x0a);
  const header = stdout.subarray(0, headerEnd).toString('utf8').split(' ');
  if (header.length !== 3 || header[1] !== 'blob') {
    return undefined; // "<name> missing", or a directory
  }
  const size = Number(header[2]);
  return stdout.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
}

export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
}

/** The entries at exactly these paths in a commit's tree. */
export async function treeEntries(
  gitDir: string,
  commit: string,
  paths: string[],
): Promise<Map<string, TreeEntry>> {
  const out = await runGit([
    `--git-dir=${gitDir}`,
    'ls-tree',
    '-z',
    '--full-tree',
    commit,
    '--',
    ...paths.map(p => `:(literal)${p}`),
  ]);
  const entries = new Map<string, TreeEntry>();
  for (const record of out.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab > 0) {
      const [mode, type, sha] = record.slice(0, tab).split(' ');
      entries.set(record.slice(tab + 1), { mode, type, sha });
    }
  }
  return entries;
}
