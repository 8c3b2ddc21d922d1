/** Git SHAs are shortened to 7 characters; other revisions (chart versions, tags) are shown whole. */
export function shortRevision(
  revision: string | undefined,
): string | undefined {
  if (!revision) return undefined;
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
}
