import { join, relative, resolve } from 'node:path';

/** The Slipway repository root (scripts/ lives in it). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The sandbox folder: SLIPWAY_SANDBOX_DIR when set, `<root>/.sandbox` otherwise. */
export function sandboxDirFromEnv(): string {
  return resolve(
    process.env.SLIPWAY_SANDBOX_DIR || join(REPO_ROOT, '.sandbox'),
  );
}

/** The fixed ports of the portal (see the sandbox section of the design handbook). */
export const PORTAL_PORTS = [
  { port: 3000, what: 'portal frontend' },
  { port: 7007, what: 'portal backend' },
];

/** A path as the user wants to read it: relative when it is under the current folder. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  if (!fromCwd) return '.';
  return fromCwd.startsWith('..') ? path : fromCwd;
}
