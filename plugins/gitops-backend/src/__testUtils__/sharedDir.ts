import fs from 'node:fs';
import path from 'node:path';

/**
 * The `shared/` reference folder (Argo CD examples and swagger), found by walking up from here: CI
 * clones the repository with `shared/` beside it.
 */
export function sharedDir(): string {
  const start = __dirname; // eslint-disable-line no-restricted-syntax -- tests run from source
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'shared');
    if (fs.existsSync(path.join(candidate, 'argocd', 'swagger.json'))) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No shared/ folder above ${start}`);
    }
    dir = parent;
  }
}

export function readSharedJson<T = any>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(sharedDir(), relative), 'utf8'));
}
