import { InputError } from '@backstage/errors';
import { posix } from 'path';

function normalisedSegments(path: string): string[] {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter(segment => segment !== '' && segment !== '.');
}

/** Resolves `..` segments; `undefined` when the path climbs above its starting point. */
function resolveSegments(segments: string[]): string[] | undefined {
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') {
      if (resolved.length === 0) return undefined;
      resolved.pop();
    } else {
      resolved.push(segment);
    }
  }
  return resolved;
}

function isAbsolute(path: string): boolean {
  // Windows drive letters and backslashes too: the repository path comes from YAML someone wrote.
  return /^([/\\]|[A-Za-z]:)/.test(path);
}

/**
 * The repository-relative (posix) path of `file` inside an application's source path. Refuses
 * anything that would let a delivery config make Slipway write outside the application's folder:
 * an empty or absolute `file`, `..` that climbs out of the application, or an application path that
 * itself climbs out of the repository.
 */
export function resolveAppFile(appPath: string, file: string): string {
  if (isAbsolute(appPath)) {
    throw new InputError(
      `Application path "${appPath}" is absolute; it must be relative to the repository root`,
    );
  }
  const app = resolveSegments(normalisedSegments(appPath));
  if (!app) {
    throw new InputError(
      `Application path "${appPath}" points outside the repository`,
    );
  }
  if (file.trim() === '') {
    throw new InputError(
      `A promotion file name is empty (application path "${appPath}")`,
    );
  }
  if (isAbsolute(file)) {
    throw new InputError(
      `Promotion file "${file}" is absolute; name it relative to the application path "${appPath}"`,
    );
  }
  const inner = resolveSegments(normalisedSegments(file));
  if (inner?.length === 0) {
    throw new InputError(
      `Promotion file "${file}" names the application folder, not a file`,
    );
  }
  if (!inner) {
    throw new InputError(
      `Promotion file "${file}" points outside the application path "${appPath}"`,
    );
  }
  return posix.join(...app, ...inner);
}
