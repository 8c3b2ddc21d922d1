/*
 * One cold sample of the runtimes benchmark, in a fresh process: start the backend, time its first
 * GET of the path in BENCH_PATH, report over IPC, exit.
 */
import { BenchRuntime, startBackend } from './backend';

async function main() {
  const runtimes: BenchRuntime[] = JSON.parse(process.env.BENCH_RUNTIME_LIST!);
  const backend = await startBackend(runtimes);
  const answer = await backend.get(process.env.BENCH_PATH!, true);
  const { ms } = answer;
  const body = answer.body();
  process.send?.({
    ms,
    items: body.items.length,
    errors: body.errors.map(e => `${e.runtime}=${e.kind}`),
  });
  await backend.stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
