/* eslint-disable no-console */
import { parseArgs } from 'node:util';
import { loadSeed, startFromSeed } from './seed';
import { startSimulator } from './startSimulator';
import type { RunningSimulator } from './types';

const usage = `Usage:
  tsx packages/runtime-simulator/src/cli.ts --seed <runtimes.yaml>
  tsx packages/runtime-simulator/src/cli.ts --synthetic <N> [--port <P>] [--kubernetes-port <P>]
        [--name <runtime>] [--token <token>] [--host <host>]

Options:
  --seed             YAML seed with one entry per runtime (see examples/sandbox/runtimes.yaml)
  --synthetic        start one standalone runtime with N generated applications
  --name             runtime name for --synthetic (default: synthetic)
  --port             Argo CD API port for --synthetic (default: 0 = any free port)
  --kubernetes-port  Kubernetes API port for --synthetic (default: 0)
  --token            accepted bearer token for --synthetic (repeatable; default: synthetic-token)
  --host             listen address (default 127.0.0.1)
  -h, --help         show this help`;

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} must be a non-negative integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      synthetic: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string' },
      'kubernetes-port': { type: 'string' },
      token: { type: 'string', multiple: true },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || (!values.seed && values.synthetic === undefined)) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }

  let simulators: RunningSimulator[];
  if (values.seed) {
    const seed = await loadSeed(values.seed);
    if (values.host) seed.runtimes.forEach(r => (r.host = values.host));
    simulators = await startFromSeed(seed);
  } else {
    simulators = [
      await startSimulator({
        name: values.name ?? 'synthetic',
        host: values.host,
        port: integer(values.port, '--port'),
        kubernetesPort: integer(values['kubernetes-port'], '--kubernetes-port'),
        tokens: values.token ?? ['synthetic-token'],
        users: [{ username: 'admin', password: 'slipway' }],
        syntheticApplications: integer(values.synthetic, '--synthetic'),
      }),
    ];
  }
  for (const s of simulators) {
    console.log(
      `runtime ${s.name}: Argo CD API ${s.url}  Kubernetes API ${s.kubernetesUrl}  admin ${s.url}/__admin/state`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${simulators.length} runtime(s)`);
    await Promise.all(simulators.map(s => s.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
