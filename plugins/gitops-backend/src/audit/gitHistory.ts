import { NotFoundError } from '@backstage/errors';
import type { GitCommitInfo, GitProvider } from '@slipway/plugin-gitops-node';

/** The trailer Slipway writes on every commit it makes (see DESIGN.md, Git write protocol). */
export const SLIPWAY_RELEASE_TRAILER = 'Slipway-Release';

export function isSlipwayCommit(commit: GitCommitInfo): boolean {
  return Boolean(commit.trailers[SLIPWAY_RELEASE_TRAILER]);
}

/**
 * Commits in (from, head], newest first, at most `max`. Providers answer a bounded page, so older pages
 * continue from the first parent of the oldest commit read (a merge's other side is followed only
 * within a page). When `from` no longer exists (history rewritten), reads from the head back.
 */
export async function readHistory(
  provider: GitProvider,
  url: string,
  options: { head: string; from?: string; max: number; pageSize?: number },
): Promise<{ commits: GitCommitInfo[]; complete: boolean }> {
  const pageSize = options.pageSize ?? 250;
  const seen = new Set<string>();
  const commits: GitCommitInfo[] = [];
  let to: string | undefined = options.head;
  let from = options.from;
  while (to && commits.length < options.max) {
    let page: GitCommitInfo[];
    try {
      page = await provider.log(url, {
        from,
        to,
        limit: Math.min(pageSize, options.max - commits.length),
      });
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
    if (!fresh.length || page.length < pageSize || !oldest?.parents.length) {
      return { commits, complete: true };
    }
    if (from && oldest.parents[0] === from) return { commits, complete: true };
    to = oldest.parents[0];
  }
  return { commits, complete: false };
}
