import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSeed } from '@slipway/runtime-simulator';
// The sandbox builder is a root script, not a package: tests get exactly what `npm start` serves.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  prepareSandbox,
  Sandbox,
} from '../../../../scripts/sandbox/prepareSandbox';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from './gitopsBackend';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export interface SandboxWorld {
  sandbox: Sandbox;
  runtimes: TestRuntime[];
  gitops: Awaited<ReturnType<typeof startGitopsBackend>>;
  stop(): Promise<void>;
}

/**
 * The sandbox as `npm start` builds it, in a temporary folder: its delivery and app-manifests
 * repositories, both simulated runtimes from its seed, and the gitops backend reading them.
 */
export async function startSandboxWorld(
  options: { now?: Date } = {},
): Promise<SandboxWorld> {
  const temp = await mkdtemp(join(tmpdir(), 'slipway-sandbox-world-'));
  const runtimes: TestRuntime[] = [];
  let gitops: SandboxWorld['gitops'] | undefined;
  const stop = async () => {
    await gitops?.stop();
    await Promise.all(runtimes.map(r => r.sim.close()));
    await rm(temp, { recursive: true, force: true });
  };
  try {
    const sandbox = await prepareSandbox({
      root: REPO_ROOT,
      sandboxDir: join(temp, '.sandbox'),
      ...(options.now ? { now: options.now } : {}),
    });
    const seed = await loadSeed(sandbox.seedFile);
    for (const runtime of seed.runtimes) {
      runtimes.push(
        await startRuntime(runtime.name, {
          applications: runtime.applications,
          clusters: runtime.clusters,
        }),
      );
    }
    gitops = await startGitopsBackend(
      runtimes.map(r => runtimeConfig(r)),
      {
        gitops: {
          deliveryRepo: { url: sandbox.repos.delivery.url, branch: 'main' },
          git: { allowLocal: true },
        },
      },
    );
    return { sandbox, runtimes, gitops, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
