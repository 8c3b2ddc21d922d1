import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitFixture {
  /** `file://` URL of the bare repository, as a seed's repoURL. */
  repoURL: string;
  /** Writes files in a clone, commits them as the given author and pushes to the bare repo's main. */
  commit(
    files: Record<string, string>,
    message: string,
    author?: { name: string; email: string },
  ): Promise<string>;
  tag(name: string, revision?: string): Promise<void>;
  cleanup(): Promise<void>;
}

export function chartFiles(
  app: string,
  env: string,
  tag: string,
  replicas = 2,
): Record<string, string> {
  return {
    [`apps/${app}/${env}/Chart.yaml`]: `apiVersion: v2\nname: ${app}\nversion: 0.1.0\nappVersion: "${tag}"\n`,
    [`apps/${app}/${env}/values.yaml`]: [
      '# replicas of the service in this environment',
      `replicaCount: ${replicas}`,
      'image:',
      `  repository: ghcr.io/slipway-sandbox/${app}`,
      '  # the version promoted to this environment',
      `  tag: "${tag}"`,
      '',
    ].join('\n'),
  };
}

/** A real bare git repository (branch main) with a working clone used to push commits to it. */
export async function createGitFixture(): Promise<GitFixture> {
  const root = await mkdtemp(join(tmpdir(), 'slipway-sim-'));
  const bare = join(root, 'app-manifests.git');
  const work = join(root, 'work');
  const git = async (
    cwd: string,
    args: string[],
    author = { name: 'Test Author', email: 'author@example.com' },
  ) =>
    (
      await run('git', args, {
        cwd,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: root,
        },
      })
    ).stdout.trim();
  await run('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    bare,
  ]);
  await run('git', ['init', '--quiet', '--initial-branch=main', work]);
  await git(work, ['remote', 'add', 'origin', bare]);

  return {
    repoURL: pathToFileURL(bare).href,
    async commit(files, message, author) {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(work, path)), { recursive: true });
        await writeFile(join(work, path), content);
      }
      await git(work, ['add', '-A']);
      await git(work, ['commit', '--quiet', '-m', message], author);
      await git(work, ['push', '--quiet', 'origin', 'main']);
      return git(work, ['rev-parse', 'HEAD']);
    },
    async tag(name, revision = 'HEAD') {
      await git(work, ['tag', name, revision]);
      await git(work, ['push', '--quiet', 'origin', name]);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
