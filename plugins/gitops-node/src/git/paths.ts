import { InputError } from '@backstage/errors';

// Control characters would break git's line-based plumbing input and make no sense in a manifest path.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A file path relative to the repository root in canonical form (`a/b.yaml`). Absolute paths, `..`,
 * `.`, empty segments, backslashes and anything inside `.git` are rejected: a promotion may only write
 * inside the repository it was given.
 */
export function repoPath(path: string): string {
  const segments = path.split('/');
  const bad =
    path === '' ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path.includes('\\') ||
    CONTROL.test(path) ||
    segments.some(
      s => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git',
    );
  if (bad) {
    throw new InputError(
      `Invalid repository path '${path}': it must be relative to the repository root and stay inside it`,
    );
  }
  return path;
}

/** A directory for listings: `''`, `.` and `/` mean the repository root; a trailing slash is dropped. */
export function repoDir(dir: string): string {
  const trimmed = dir.replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '' : repoPath(trimmed);
}

/** Branch names as git's check-ref-format accepts them, minus anything that could read as an option. */
export function branchName(branch: string): string {
  const bad =
    branch === '' ||
    branch.startsWith('-') ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.') ||
    branch.endsWith('.lock') ||
    branch.includes('..') ||
    branch.includes('//') ||
    branch.includes('@{') ||
    /[\s~^:?*[\\]/.test(branch) ||
    CONTROL.test(branch) ||
    branch.split('/').some(s => s.startsWith('.'));
  if (bad) {
    throw new InputError(`Invalid branch name '${branch}'`);
  }
  return branch;
}

/** A commit SHA or branch name given to a read; never something git could take for an option. */
export function revision(rev: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(rev) || rev.includes('..')) {
    throw new InputError(`Invalid revision '${rev}'`);
  }
  return rev;
}
