import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `examples/delivery` of this repository, found by walking up to the repository root. */
function examplesDeliveryDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'examples', 'delivery');
    if (existsSync(join(dir, '.git')) && existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`no examples/delivery above ${__dirname}`);
}

/** A real git repository holding the example delivery config on `main`. */
export async function createExampleDeliveryRepo() {
  const root = await mkdtemp(join(tmpdir(), 'slipway-catalog-delivery-'));
  const dir = join(root, 'delivery');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Delivery Tester',
    GIT_AUTHOR_EMAIL: 'delivery@example.com',
    GIT_COMMITTER_NAME: 'Delivery Tester',
    GIT_COMMITTER_EMAIL: 'delivery@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  const git = (...args: string[]) => run('git', ['-C', dir, ...args], { env });
  await run('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  await cp(examplesDeliveryDir(), dir, { recursive: true });
  await git('add', '-A');
  await git('commit', '--quiet', '-m', 'delivery config');
  return {
    url: pathToFileURL(dir).href,
    /** Deletes these files and commits. */
    async remove(...paths: string[]) {
      await git('rm', '--quiet', ...paths);
      await git('commit', '--quiet', '-m', `remove ${paths.join(', ')}`);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
