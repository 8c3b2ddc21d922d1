import { coerce, compare, parse, SemVer } from 'semver';

/**
 * Versions with minor or patch left out (`v2`, `1.4`, `1.4-rc.1`) still count as semver; a bare number
 * with a suffix (`2024-01-15`) does not.
 */
const SHORT_SEMVER = /^v?(\d+|\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)$/;

/** The semver reading of a version, if it has one; `build-2031` or a commit SHA has none. */
export function toSemver(version: string): SemVer | undefined {
  const text = version.trim();
  const exact = parse(text, { loose: true });
  if (exact) {
    return exact;
  }
  // coerce() alone would read `release-7` as 7.0.0 and drop prereleases; only short forms qualify.
  return SHORT_SEMVER.test(text)
    ? coerce(text, { includePrerelease: true }) ?? undefined
    : undefined;
}

export interface VersionComparison {
  /** -1: a is lower, 0: same, 1: a is higher. */
  order: -1 | 0 | 1;
  /** Both parse as semver, so the order means older and newer; else it is only the lexical order. */
  comparable: boolean;
}

/** Semver order where both versions parse (`1.4.2-rc.1` < `1.4.2` < `1.10.0`), else lexical. */
export function compareVersions(a: string, b: string): VersionComparison {
  const left = toSemver(a);
  const right = toSemver(b);
  if (left && right) {
    return { order: compare(left, right), comparable: true };
  }
  return { order: lexical(a, b), comparable: false };
}

function lexical(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Distinct versions, highest first. */
export function sortVersionsDescending(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort((a, b) => compareVersions(b, a).order);
}
