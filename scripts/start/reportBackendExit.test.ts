/**
 * Run with: node --import tsx --test 'scripts/**\/*.test.ts'
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const HOOK = join(__dirname, 'reportBackendExit.cjs');

/** Runs `script` in a Node.js process with the hook, as the CLI runs the backend; resolves on its exit. */
function backend(script: string, signal?: NodeJS.Signals) {
  const child = spawn(process.execPath, [`--require=${HOOK}`, '-e', script], {
    env: { ...process.env, SLIPWAY_START_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise<void>(resolve => {
    child.stdout.once('data', () => {
      if (signal) child.kill(signal);
    });
    child.once('exit', () => resolve());
  });
}

/** Waits a little for a signal still on its way to this process. */
const settle = () => new Promise(resolve => setTimeout(resolve, 200));

describe('the backend exit report of npm start', () => {
  let reports = 0;
  const onReport = () => {
    reports += 1;
  };
  before(() => process.on('SIGUSR2', onReport));
  after(() => process.off('SIGUSR2', onReport));

  test('tells npm start when the backend exits with an error', async () => {
    reports = 0;
    await backend("console.log('up'); throw new Error('database is locked')");
    await settle();
    assert.equal(reports, 1);
  });

  test('says nothing for a clean exit', async () => {
    reports = 0;
    await backend("console.log('up'); process.exitCode = 0");
    await settle();
    assert.equal(reports, 0);
  });

  test('says nothing when the backend is stopped by a signal, even if its shutdown fails', async () => {
    reports = 0;
    // Like Backstage: a SIGTERM handler that shuts down and exits 1 when a plugin fails to stop.
    await backend(
      "process.on('SIGTERM', () => process.exit(1)); console.log('up'); setInterval(() => {}, 1000)",
      'SIGTERM',
    );
    await backend("console.log('up'); setInterval(() => {}, 1000)", 'SIGTERM');
    await settle();
    assert.equal(reports, 0);
  });
});
