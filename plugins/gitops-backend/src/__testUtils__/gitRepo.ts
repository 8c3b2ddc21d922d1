import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A bare git repository with app manifests, the way the simulator (and the sandbox) reads them. */
export interface ManifestRepo {
  repoURL: string;
  commit(files: Record<string, string>, message: string): Promise<string>;
  cleanup(): Promise<void>;
}

export function chart(
  app: string,
  env: string,
  tag: string,
): Record<string, string> {
  return {
    [`apps/${app}/${env}/Chart.yaml`]: `apiVersion: v2\nname: ${app}\nversion: 0.1.0\nappVersion: "${tag}"\n`,
    [`apps/${app}/${env}/values.yaml`]: `replicaCount: 1\nimage:\n  repository: ghcr.io/slipway-test/${app}\n  tag: "${tag}"\n`,
  };
}

export async function createManifestRepo(): Promise<ManifestRepo> {
  const root = await mkdtemp(join(tmpdir(), 'gitops-backend-'));
  const bare = join(root, 'app-manifests.git');
  const work = join(root, 'work');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dana Developer',
    GIT_AUTHOR_EMAIL: 'dana@example.com',
    GIT_COMMITTER_NAME: 'Dana Developer',
    GIT_COMMITTER_EMAIL: 'dana@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  const git = async (args: string[], cwd = work) =>
    (await run('git', args, { cwd, env })).stdout.trim();
  await run('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    bare,
  ]);
  await run('git', ['init', '--quiet', '--initial-branch=main', work]);
  await git(['remote', 'add', 'origin', bare]);
  return {
    repoURL: pathToFileURL(bare).href,
    async commit(files, message) {
      for (const [file, content] of Object.entries(files)) {
        await mkdir(dirname(join(work, file)), { recursive: true });
        await writeFile(join(work, file), content);
      }
      await git(['add', '-A']);
      await git(['commit', '--quiet', '-m', message]);
      await git(['push', '--quiet', 'origin', 'main']);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
