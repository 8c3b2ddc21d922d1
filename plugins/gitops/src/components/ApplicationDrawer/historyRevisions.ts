import type { HistoryEntry } from '@slipway/plugin-gitops-common';

export interface GitRevision {
  revision: string;
  /** Set for multi-source applications; the backend needs it to pick the repository. */
  sourceIndex?: number;
}

/**
 * The Git revisions of a history entry whose commit metadata can be loaded. Helm chart sources carry
 * chart versions, not commits, so they are skipped.
 */
export function gitRevisions(entry: HistoryEntry): GitRevision[] {
  if (entry.revisions && entry.revisions.length > 0) {
    return entry.revisions.flatMap((revision, sourceIndex) =>
      revision && !entry.sources[sourceIndex]?.chart
        ? [{ revision, sourceIndex }]
        : [],
    );
  }
  if (entry.revision && !entry.sources[0]?.chart) {
    return [{ revision: entry.revision }];
  }
  return [];
}
