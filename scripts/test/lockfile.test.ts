/**
 * Run with: node --import tsx --test 'scripts/**\/*.test.ts'
 *
 * `npm install` adds to package-lock.json every optional package the lock file lacks, even those of
 * other platforms (Rollup's, SWC's, ... native builds), so a lock file made where the registry lacked
 * some changes on the next install. Listing them all keeps it unchanged on Linux and macOS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../sandbox/paths';

interface LockedPackage {
  optionalDependencies?: Record<string, string>;
  integrity?: string;
}

/** Where Node.js would find `name` from the package at `from`: its own node_modules, then upwards. */
function resolveLocked(
  packages: Record<string, LockedPackage>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

test("the lock file lists every platform's optional packages", () => {
  const lock = JSON.parse(
    readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'),
  ) as { packages: Record<string, LockedPackage> };
  const missing: string[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
      if (!resolveLocked(lock.packages, path, name)) {
        missing.push(`${name} (of ${path || 'the root'})`);
      }
    }
  }
  assert.deepEqual(
    missing,
    [],
    'run `npm install` where the registry has every platform package and commit package-lock.json',
  );
});
