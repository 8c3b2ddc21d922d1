import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A real git repository in a temp directory, branch `main`, changed by committing files. */
export interface DeliveryTestRepo {
  url: string;
  /** Writes the files (`null` deletes one), commits them and returns the new head SHA. */
  commit(
    files: Record<string, string | null>,
    message?: string,
  ): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createDeliveryRepo(
  from?: string,
): Promise<DeliveryTestRepo> {
  const root = await mkdtemp(join(tmpdir(), 'slipway-delivery-'));
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
  const git = async (...args: string[]) =>
    (await run('git', ['-C', dir, ...args], { env })).stdout.trim();
  await run('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  if (from) {
    await cp(from, dir, { recursive: true });
    await git('add', '-A');
    await git('commit', '--quiet', '-m', 'delivery config');
  }
  return {
    url: pathToFileURL(dir).href,
    async commit(files, message = 'change delivery config') {
      for (const [path, content] of Object.entries(files)) {
        const file = join(dir, path);
        if (content === null) {
          await rm(file);
        } else {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, content);
        }
      }
      await git('add', '-A');
      await git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
