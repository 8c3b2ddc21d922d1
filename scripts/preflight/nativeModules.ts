import { spawnSync } from 'node:child_process';

/** The command that rebuilds the one native module Slipway needs for the current Node.js. */
export const REBUILD_COMMAND = 'npm rebuild better-sqlite3';

/** Loads better-sqlite3 and opens an in-memory database, in a child so a failed load leaves this process clean. */
const PROBE = "new (require('better-sqlite3'))(':memory:').close()";

export interface AbiMismatch {
  builtFor: number;
  running: number;
}

/**
 * Reads Node.js's "compiled against a different Node.js version" error: the module's
 * NODE_MODULE_VERSION first, then the one this Node.js requires.
 */
export function abiMismatch(stderr: string): AbiMismatch | undefined {
  const match =
    /NODE_MODULE_VERSION (\d+)\.[\s\S]*?requires\s+NODE_MODULE_VERSION (\d+)/.exec(
      stderr,
    );
  return match
    ? { builtFor: Number(match[1]), running: Number(match[2]) }
    : undefined;
}

export type NativeProbe =
  | { ok: true }
  | { ok: false; mismatch?: AbiMismatch; output: string };

export function probeBetterSqlite3(
  cwd: string,
  node = process.execPath,
): NativeProbe {
  const result = spawnSync(node, ['-e', PROBE], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status === 0) return { ok: true };
  const output = `${result.stderr ?? ''}${result.error?.message ?? ''}`;
  return { ok: false, mismatch: abiMismatch(output), output };
}

/**
 * Makes sure better-sqlite3 (the sandbox's database) loads in this Node.js. A build for another
 * Node.js version (a NODE_MODULE_VERSION mismatch, e.g. after switching Node.js) is rebuilt; when that
 * fails, or the module fails for another reason, this throws with the command to run.
 */
export function ensureBetterSqlite3(
  cwd: string,
  rebuild: () => boolean = () =>
    spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd, stdio: 'inherit' })
      .status === 0,
  probe: (cwd: string) => NativeProbe = probeBetterSqlite3,
): void {
  const first = probe(cwd);
  if (first.ok) return;
  if (!first.mismatch) {
    throw new Error(
      `better-sqlite3 does not load in Node.js ${
        process.versions.node
      }:\n${first.output.trim()}\n` +
        `Run \`npm install\` (or \`${REBUILD_COMMAND}\`) and try again.`,
    );
  }
  const { builtFor, running } = first.mismatch;
  console.log(
    `better-sqlite3 was built for another Node.js (NODE_MODULE_VERSION ${builtFor}; Node.js ${process.versions.node} needs ${running}): running \`${REBUILD_COMMAND}\`...`,
  );
  const rebuilt = rebuild();
  const second = rebuilt ? probe(cwd) : undefined;
  if (!second?.ok) {
    throw new Error(
      `Could not rebuild better-sqlite3 for Node.js ${process.versions.node}. Run \`${REBUILD_COMMAND}\` ` +
        '(it needs Python and a C++ compiler), then try again.',
    );
  }
}
