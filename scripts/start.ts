/**
 * `npm start`: prepares the sandbox, starts the simulated Argo CD runtimes in this process and runs the
 * portal (`backstage-cli repo start`). Ctrl-C stops everything. `--no-portal` runs only the sandbox
 * and the simulators (for tests and benchmarks). It stops at once, saying what to do, on an unsupported
 * Node.js or an unloadable native module, and exits with an error when the portal's backend dies.
 */
import './preflight/requireSupportedNode';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadSeed,
  startFromSeed,
  type RunningSimulator,
} from '@slipway/runtime-simulator';
import { assertPortsFree, PortInUseError, type PortUse } from './sandbox/ports';
import {
  displayPath,
  PORTAL_PORTS,
  REPO_ROOT,
  sandboxDirFromEnv,
} from './sandbox/paths';
import { prepareSandbox, type Sandbox } from './sandbox/prepareSandbox';
import { ensureBetterSqlite3 } from './preflight/nativeModules';

const USAGE = 'Usage: npm start [-- --no-portal]';
const STOP_TIMEOUT_MS = 15_000;
const GROUP_GRACE_MS = 5_000;

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter(a => a !== '--no-portal');
  if (unknown.length > 0) {
    throw new Error(`Unknown argument ${unknown.join(' ')}. ${USAGE}`);
  }
  const portal = !args.includes('--no-portal');
  // The portal's database in the sandbox is SQLite.
  if (portal) ensureBetterSqlite3(REPO_ROOT);

  const sandbox = await prepareSandbox({
    root: REPO_ROOT,
    sandboxDir: sandboxDirFromEnv(),
  });
  const seed = await loadSeed(sandbox.seedFile);
  const ports: PortUse[] = seed.runtimes.flatMap(r => [
    { port: r.port ?? 0, what: `Argo CD API of runtime ${r.name}` },
    {
      port: r.kubernetesPort ?? 0,
      what: `Kubernetes API of runtime ${r.name}`,
    },
  ]);
  await assertPortsFree(portal ? [...PORTAL_PORTS, ...ports] : ports);

  const simulators = await startFromSeed(seed).catch(error => {
    throw explainPortError(error, ports);
  });
  printBanner(sandbox, simulators, seed.runtimes, portal);

  const backstage = portal ? startPortal(sandbox) : undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (backstage) await stopProcessGroup(backstage);
    await Promise.allSettled(simulators.map(s => s.close()));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping && backstage?.pid) {
        // A second Ctrl-C: do not wait for the portal any longer.
        killGroup(backstage, 'SIGKILL');
        return;
      }
      console.log(`\nStopping the sandbox (${signal})...`);
      void stop(0);
    });
  }
  // From the backend process (start/reportBackendExit.cjs): it died, and the CLI would keep the frontend up.
  process.on('SIGUSR2', () => {
    if (stopping) return;
    console.error(
      '\nThe portal backend stopped with an error (see above); stopping the frontend and the simulators.',
    );
    void stop(1);
  });
  backstage?.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `The portal stopped (${
        signal ?? `exit code ${code}`
      }); stopping the simulators.`,
    );
    void stop(code || 1);
  });
}

function startPortal(sandbox: Sandbox): ChildProcess {
  const cli = join(REPO_ROOT, 'node_modules', '.bin', 'backstage-cli');
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing: run \`npm install\` first.`);
  }
  // The frontend bundler writes the list of discovered plugins into the app's own
  // node_modules; npm hoists everything to the root, so that folder may not exist
  // yet, and a bundler that starts before it does fails to resolve the list.
  mkdirSync(join(REPO_ROOT, 'packages', 'app', 'node_modules'), {
    recursive: true,
  });
  // Its own process group, so stopping it also stops the frontend and backend it starts.
  const reportExit = join(__dirname, 'start', 'reportBackendExit.cjs');
  return spawn(cli, ['repo', 'start', `--require=${reportExit}`], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SLIPWAY_SANDBOX_DIR: sandbox.dir,
      SLIPWAY_START_PID: String(process.pid),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
}

async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  killGroup(child, 'SIGINT');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  // The CLI can exit before the frontend and backend it started have finished shutting down; give
  // them a moment, then stop whatever is left in the group.
  const deadline = Date.now() + GROUP_GRACE_MS;
  while (groupAlive(child) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  killGroup(child, 'SIGKILL');
}

function groupAlive(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

function explainPortError(error: unknown, ports: PortUse[]) {
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e?.code !== 'EADDRINUSE') return error;
  const use = ports.find(
    p => p.port === e.port || String(e.message).includes(`:${p.port}`),
  );
  return use ? new PortInUseError(use.port, use.what) : error;
}

function printBanner(
  sandbox: Sandbox,
  simulators: RunningSimulator[],
  runtimes: { name: string; tokens?: string[]; kubernetesToken?: string }[],
  portal: boolean,
) {
  const where = displayPath(sandbox.dir);
  const lines = [
    '',
    `Slipway sandbox in ${where} (${
      sandbox.created ? 'created from examples/' : 'reused'
    })`,
  ];
  if (portal) {
    lines.push(
      '  Portal            http://localhost:3000  (sign in as guest)',
      '  Backend           http://localhost:7007',
    );
  }
  for (const sim of simulators) {
    const runtime = runtimes.find(r => r.name === sim.name);
    const token = runtime?.tokens?.[0];
    lines.push(
      `  Argo CD ${sim.name.padEnd(10)}${sim.url}${
        token ? `  (token ${token}, or admin / slipway)` : ''
      }`,
      `    Kubernetes API  ${sim.kubernetesUrl}${
        runtime?.kubernetesToken ? `  (token ${runtime.kubernetesToken})` : ''
      }`,
    );
  }
  lines.push(
    `  Delivery repo     git clone ${sandbox.repos.delivery.url}`,
    `  App manifests     git clone ${sandbox.repos.appManifests.url}`,
    ...(sandbox.outdated
      ? [
          '',
          'Note: examples/ changed since this sandbox was made; `npm run sandbox:reset` rebuilds it',
          '(and deletes the promotions and the portal data it holds).',
        ]
      : []),
    '',
    portal
      ? 'Starting the portal... Press Ctrl-C to stop.'
      : 'Sandbox ready (no portal). Press Ctrl-C to stop.',
    '',
  );
  console.log(lines.join('\n'));
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
