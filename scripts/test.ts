/**
 * `npm test`: runs every suite once (unit, scripts, e2e), each even when an earlier one failed, says
 * what it skipped and why, and exits non-zero when any suite failed. `npm test -- unit e2e` runs only
 * the named suites.
 */
import './preflight/requireSupportedNode';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REPO_ROOT } from './sandbox/paths';
import { ensureBetterSqlite3 } from './preflight/nativeModules';
import { planTestRun, selectSuites, type Suite } from './test/plan';

let interrupted = false;

function run(suite: Suite): Promise<number> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, suite.args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...suite.env },
      stdio: 'inherit',
    });
    child.once('error', error => {
      console.error(`${suite.name}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function seconds(ms: number) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

async function main() {
  const plan = planTestRun(REPO_ROOT, process.env, existsSync);
  const suites = selectSuites(plan, process.argv.slice(2));
  // The database tests load better-sqlite3: rebuild it first if it was built for another Node.js.
  ensureBetterSqlite3(REPO_ROOT);
  for (const { line } of plan.skipped) console.log(line);

  // Ctrl-C reaches the running suite directly; do not start the next one.
  process.on('SIGINT', () => {
    interrupted = true;
  });
  const results: { suite: Suite; code: number; ms: number }[] = [];
  for (const suite of suites) {
    if (interrupted) break;
    console.log(`\n=== npm test: ${suite.name}\n`);
    const started = Date.now();
    const code = await run(suite);
    results.push({ suite, code, ms: Date.now() - started });
  }

  console.log('\n=== npm test: summary');
  for (const { suite, code, ms } of results) {
    console.log(
      `  ${suite.name.padEnd(8)} ${
        code === 0 ? 'passed' : `FAILED (exit code ${code})`
      }  ${seconds(ms)}`,
    );
  }
  if (plan.skipped.length > 0) {
    console.log(
      `  skipped  ${plan.skipped
        .map(s => s.what)
        .join(', ')} (the first lines above say how to run them)`,
    );
  }
  const failed = results.filter(r => r.code !== 0).length;
  if (interrupted) process.exit(130);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
