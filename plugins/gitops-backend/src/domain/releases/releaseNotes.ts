import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import type { GitCommitInfo } from '@slipway/plugin-gitops-node';

const ISSUE_KEY = /\b[A-Z][A-Z0-9]+-\d+\b/g;
/** Prefixes that look like issue keys but are standards or hashes (`UTF-8`, `SHA-256`, `ISO-8601`). */
const NOT_ISSUE_PREFIXES = new Set(['UTF', 'SHA', 'ISO', 'RFC', 'TLS', 'HTTP']);

/** Issue keys such as `PAY-123` mentioned in a text, unique, in order of appearance. */
export function issueKeysIn(text: string): string[] {
  const keys = (text.match(ISSUE_KEY) ?? []).filter(
    key => !NOT_ISSUE_PREFIXES.has(key.slice(0, key.indexOf('-'))),
  );
  return [...new Set(keys)];
}

function compareKeys(a: string, b: string): number {
  const [aProject, aNumber] = [
    a.slice(0, a.lastIndexOf('-')),
    a.slice(a.lastIndexOf('-') + 1),
  ];
  const [bProject, bNumber] = [
    b.slice(0, b.lastIndexOf('-')),
    b.slice(b.lastIndexOf('-') + 1),
  ];
  if (aProject !== bProject) return aProject < bProject ? -1 : 1;
  return Number(aNumber) - Number(bNumber);
}

/**
 * Release notes from the commits between the version the target ran and the promoted one (in the
 * order given, newest first from `log`), and the images that change. Issue keys are sorted by
 * project then number (`PAY-9` before `PAY-10`); authors keep the order they first appear in.
 */
export function buildReleaseNotes(
  commits: GitCommitInfo[],
  images: Array<{ name: string; from?: string; to?: string }>,
  commitUrl?: (sha: string) => string | undefined,
): ReleaseNotes {
  const noteCommits = commits.map(commit => {
    const url = commitUrl?.(commit.sha);
    return {
      sha: commit.sha,
      message: commit.message.trim(),
      author: commit.author.name,
      date: commit.author.date,
      ...(url ? { url } : {}),
      issueKeys: issueKeysIn(commit.message),
    };
  });
  const authors = [...new Set(noteCommits.map(commit => commit.author))];
  const issueKeys = [
    ...new Set(noteCommits.flatMap(commit => commit.issueKeys)),
  ].sort(compareKeys);
  return {
    commits: noteCommits,
    authors,
    issueKeys,
    images: images.map(image => ({ ...image })),
  };
}
