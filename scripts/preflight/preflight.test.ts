/**
 * Run with: node --import tsx --test 'scripts/**\/*.test.ts'
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../sandbox/paths';
import {
  abiMismatch,
  ensureBetterSqlite3,
  probeBetterSqlite3,
  REBUILD_COMMAND,
} from './nativeModules';
import { nodeVersionProblem } from './nodeVersion';

/** What Node.js 20 prints when it loads a better-sqlite3 built for Node.js 22. */
const NODE_20_LOADING_A_NODE_22_BUILD = `Error: The module '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 127. This version of Node.js requires
NODE_MODULE_VERSION 115. Please try re-compiling or re-installing
the module (for instance, using \`npm rebuild\` or \`npm install\`).`;

/** A Node.js of an unsupported major version on this machine, for the end-to-end checks. */
function otherNode(): string | undefined {
  const candidate = process.env.SLIPWAY_OTHER_NODE ?? '/usr/bin/node';
  if (!existsSync(candidate)) return undefined;
  const version = spawnSync(candidate, ['-p', 'process.versions.node'], {
    encoding: 'utf8',
  }).stdout?.trim();
  return version && nodeVersionProblem(version) ? candidate : undefined;
}

describe('the Node.js version check', () => {
  test('accepts Node.js 22 and 24', () => {
    assert.equal(nodeVersionProblem('22.23.5'), undefined);
    assert.equal(nodeVersionProblem('v24.1.0'), undefined);
  });

  test('refuses other versions and says how to get Node.js 22', () => {
    for (const version of ['20.20.2', '18.19.0', '23.0.0', '26.0.0']) {
      const problem = nodeVersionProblem(version);
      assert.match(problem ?? '', /needs Node\.js 22 or 24; this is Node\.js/);
      assert.match(problem ?? '', new RegExp(version.replace(/\./g, '\\.')));
      assert.match(problem ?? '', /nvm install 22/);
    }
  });

  const node = otherNode();
  test(
    'stops `npm start` before anything else on an unsupported Node.js',
    { skip: node ? false : 'no Node.js other than 22 or 24 on this machine' },
    () => {
      const result = spawnSync(
        node!,
        ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'start.ts')],
        { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
      );
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /Slipway needs Node\.js 22 or 24/);
      assert.doesNotMatch(result.stdout, /sandbox/i);
    },
  );
});

describe('the better-sqlite3 check', () => {
  test('reads both module versions from the loader error', () => {
    assert.deepEqual(abiMismatch(NODE_20_LOADING_A_NODE_22_BUILD), {
      builtFor: 127,
      running: 115,
    });
    assert.equal(
      abiMismatch('Error: Cannot find module better-sqlite3'),
      undefined,
    );
  });

  test('loads the installed module in this Node.js', () => {
    assert.deepEqual(probeBetterSqlite3(REPO_ROOT), { ok: true });
  });

  const node = otherNode();
  test(
    'sees a module built for another Node.js as a mismatch',
    { skip: node ? false : 'no Node.js other than 22 or 24 on this machine' },
    () => {
      const probe = probeBetterSqlite3(REPO_ROOT, node);
      assert.equal(probe.ok, false);
      assert.ok(!probe.ok && probe.mismatch, JSON.stringify(probe));
    },
  );

  const mismatch = {
    ok: false as const,
    mismatch: { builtFor: 127, running: 115 },
    output: NODE_20_LOADING_A_NODE_22_BUILD,
  };

  test('rebuilds a mismatched module and goes on once it loads', () => {
    const probes = [mismatch, { ok: true as const }];
    let rebuilds = 0;
    ensureBetterSqlite3(
      REPO_ROOT,
      () => {
        rebuilds += 1;
        return true;
      },
      () => probes.shift()!,
    );
    assert.equal(rebuilds, 1);
    assert.equal(probes.length, 0);
  });

  test('stops with the exact command when the rebuild fails', () => {
    assert.throws(
      () =>
        ensureBetterSqlite3(
          REPO_ROOT,
          () => false,
          () => mismatch,
        ),
      (error: Error) =>
        error.message.includes(`Run \`${REBUILD_COMMAND}\``) &&
        /Could not rebuild better-sqlite3/.test(error.message),
    );
  });

  test('does not rebuild a module that fails for another reason, and says what to run', () => {
    let rebuilds = 0;
    assert.throws(
      () =>
        ensureBetterSqlite3(
          REPO_ROOT,
          () => {
            rebuilds += 1;
            return true;
          },
          () => ({ ok: false, output: "Cannot find module 'better-sqlite3'" }),
        ),
      /Cannot find module[\s\S]*Run `npm install`/,
    );
    assert.equal(rebuilds, 0);
  });
});
