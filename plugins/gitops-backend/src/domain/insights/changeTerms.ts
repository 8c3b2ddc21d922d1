import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import type { Deployment } from './deployments';

/** Longer terms are not indexed (the column's width); no issue key, SHA, author or tag is that long. */
export const MAX_TERM_LENGTH = 255;

function terms(values: Array<string | undefined>): string[] {
  const lower = values.flatMap(v =>
    v && v.length <= MAX_TERM_LENGTH ? [v.toLowerCase()] : [],
  );
  return [...new Set(lower)];
}

/**
 * What "where is my change?" looks a deployment up by, lower case: its revision and source commits'
 * SHAs (searched by prefix), their issue keys and authors, and its version (searched exactly).
 */
export function deploymentTerms(d: Deployment): string[] {
  return terms([
    d.revision,
    d.version,
    ...d.sourceCommits.flatMap(c => [c.sha, c.author, ...(c.issueKeys ?? [])]),
  ]);
}

/** What a release is looked up by in its notes: commit SHAs, issue keys, authors, new image tags. */
export function releaseNoteTerms(notes: ReleaseNotes): string[] {
  return terms([
    ...notes.commits.flatMap(c => [c.sha, c.author, ...c.issueKeys]),
    ...notes.authors,
    ...notes.issueKeys,
    ...notes.images.flatMap(image =>
      image.to ? [image.to, `${image.name}:${image.to}`] : [],
    ),
  ]);
}

/**
 * The stored terms to look a change query up by: `[low, high)` covers every term starting with a
 * SHA prefix (hex digits sort the same in every collation), `equals` an issue key, author or tag.
 */
export function termLookup(
  kind: 'issue' | 'commit' | 'text',
  needle: string,
): { equals: string } | { low: string; high: string } {
  const text = needle.toLowerCase();
  // 'g' sorts after every hex digit.
  return kind === 'commit' ? { low: text, high: `${text}g` } : { equals: text };
}
