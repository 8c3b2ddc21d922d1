import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestRepo {
  /** `file://` URL of the repository. */
  url: string;
  /** The repository directory (bare) or work tree (non-bare). */
  dir: string;
  /** Runs git against the repository and returns trimmed stdout. */
  git(...args: string[]): Promise<string>;
  /** Commits these files on `main` from outside the provider (another writer). */
  seed(files: Record<string, string>, message?: string): Promise<string>;
  cleanup(): Promise<void>;
}

const identity = {
  GIT_AUTHOR_NAME: 'Seed Writer',
  GIT_AUTHOR_EMAIL: 'seed@example.com',
  GIT_COMMITTER_NAME: 'Seed Writer',
  GIT_COMMITTER_EMAIL: 'seed@example.com',
};

/** A real repository in a temp directory, bare (like the sandbox) or with a work tree, with branch `main`. */
export async function createTestRepo(
  kind: 'bare' | 'non-bare',
): Promise<TestRepo> {
  const root = await mkdtemp(join(tmpdir(), 'slipway-git-'));
  const dir = join(root, kind === 'bare' ? 'repo.git' : 'repo');
  await run('git', [
    'init',
    '--quiet',
    '--initial-branch=main',
    ...(kind === 'bare' ? ['--bare'] : []),
    dir,
  ]);
  const env = { ...process.env, ...identity };
  const git = async (...args: string[]) =>
    (await run('git', ['-C', dir, ...args], { env })).stdout.trim();
  // Seeds with plumbing, so the same helper works for bare and non-bare repositories.
  const seed = async (files: Record<string, string>, message = 'seed') => {
    const index = join(root, `seed-index-${Math.random()}`);
    const withIndex = { env: { ...env, GIT_INDEX_FILE: index } };
    const parent = await git(
      'rev-parse',
      '--verify',
      '--quiet',
      'refs/heads/main',
    ).catch(() => '');
    if (parent) {
      await run('git', ['-C', dir, 'read-tree', parent], withIndex);
    }
    for (const [path, content] of Object.entries(files)) {
      const blob = await new Promise<string>((resolve, reject) => {
        const child = execFile(
          'git',
          ['-C', dir, 'hash-object', '-w', '--stdin'],
          { env },
          (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
        );
        child.stdin!.end(content);
      });
      await run(
        'git',
        [
          '-C',
          dir,
          'update-index',
          '--add',
          '--cacheinfo',
          `100644,${blob},${path}`,
        ],
        withIndex,
      );
    }
    const tree = (
      await run('git', ['-C', dir, 'write-tree'], withIndex)
    ).stdout.trim();
    await rm(index, { force: true });
    const sha = await git(
      'commit-tree',
      tree,
      '-m',
      message,
      ...(parent ? ['-p', parent] : []),
    );
    await git(
      'update-ref',
      'refs/heads/main',
      sha,
      ...(parent ? [parent] : []),
    );
    return sha;
  };
  return {
    url: pathToFileURL(dir).href,
    dir,
    git,
    seed,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
