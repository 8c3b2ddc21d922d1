import { NotFoundError } from '@backstage/errors';
import type { GitCommitInfo, GitProvider } from '@slipway/plugin-gitops-node';
import type { RecordedRelease } from '../database/audit/AuditGitStore';

/** The trailer Slipway writes on every commit it makes (see DESIGN.md, Git write protocol). */
export const SLIPWAY_RELEASE_TRAILER = 'Slipway-Release';

/** The release a commit's `Slipway-Release` trailer names, if any (anyone can write one). */
export function releaseTrailer(commit: GitCommitInfo): string | undefined {
  return commit.trailers[SLIPWAY_RELEASE_TRAILER] || undefined;
}

/**
 * Why a commit that names a release is not taken as Slipway's own: the release exists but never
 * recorded this commit, or there is no such release.
 */
export type TrailerFlag = 'forged-trailer' | 'unknown-release';

export type TrailerCheck =
  | { kind: 'none' }
  | { kind: 'slipway'; release: string }
  /** The release still runs and has not recorded the commit yet: decide on a later run. */
  | { kind: 'pending'; release: string }
  | { kind: 'flagged'; release: string; flag: TrailerFlag };

/**
 * Checks commits' `Slipway-Release` trailers against what the release store recorded: a trailer
 * counts only when its release recorded that exact commit. The other side of a recorded merge commit
 * (a merged pull request's branch commits) counts for the same release.
 */
export function checkTrailers(
  commits: readonly GitCommitInfo[],
  releases: ReadonlyMap<string, RecordedRelease>,
): Map<string, TrailerCheck> {
  const recorded = new Map<string, string>();
  for (const [id, release] of releases) {
    for (const sha of release.commits) recorded.set(sha, id);
  }
  for (const commit of commits) {
    const release = recorded.get(commit.sha);
    if (!release) continue;
    for (const parent of commit.parents.slice(1)) {
      recorded.set(parent, release);
    }
  }
  const checks = new Map<string, TrailerCheck>();
  for (const commit of commits) {
    const release = releaseTrailer(commit);
    let check: TrailerCheck;
    if (!release) check = { kind: 'none' };
    else if (recorded.get(commit.sha) === release) {
      check = { kind: 'slipway', release };
    } else if (!releases.has(release)) {
      check = { kind: 'flagged', release, flag: 'unknown-release' };
    } else if (releases.get(release)!.active) {
      check = { kind: 'pending', release };
    } else check = { kind: 'flagged', release, flag: 'forged-trailer' };
    checks.set(commit.sha, check);
  }
  return checks;
}

/** The release ids that commits' trailers name. */
export function trailerReleases(commits: readonly GitCommitInfo[]): string[] {
  const ids = new Set<string>();
  for (const commit of commits) {
    const release = releaseTrailer(commit);
    if (release) ids.add(release);
  }
  return [...ids];
}

/**
 * Commits in (from, head], newest first, at most `max`. Providers answer a bounded page, so older pages
 * continue from the first parent of the oldest commit read (a merge's other side is followed only
 * within a page). When `from` no longer exists (history rewritten), reads from the head back. When
 * `max` stops it early, `next` is the commit to continue from (inclusive) on a later read.
 */
export async function readHistory(
  provider: GitProvider,
  url: string,
  options: { head: string; from?: string; max: number; pageSize?: number },
): Promise<{ commits: GitCommitInfo[]; complete: boolean; next?: string }> {
  const pageSize = options.pageSize ?? 250;
  const seen = new Set<string>();
  const commits: GitCommitInfo[] = [];
  let to: string | undefined = options.head;
  let from = options.from;
  while (to && commits.length < options.max) {
    const limit = Math.min(pageSize, options.max - commits.length);
    let page: GitCommitInfo[];
    try {
      page = await provider.log(url, { from, to, limit });
    } catch (error) {
      if (from && error instanceof NotFoundError) {
        from = undefined;
        continue;
      }
      throw error;
    }
    const fresh = page.filter(c => !seen.has(c.sha));
    for (const commit of fresh) {
      seen.add(commit.sha);
      commits.push(commit);
    }
    const oldest = page[page.length - 1];
    // A short page is the end of the range (not a page cut short by `max`: that asked for less).
    if (!fresh.length || page.length < limit || !oldest?.parents.length) {
      return { commits, complete: true };
    }
    if (from && oldest.parents[0] === from) return { commits, complete: true };
    to = oldest.parents[0];
  }
  return { commits, complete: false, next: to };
}
