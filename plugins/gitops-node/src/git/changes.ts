import { InputError } from '@backstage/errors';
import { GitChangeBuilder, GitFileChange } from './types';
import { repoPath } from './paths';

/**
 * Runs a change builder against one commit. Reads are cached for the attempt (a builder may read a file
 * twice), paths are validated, and two changes to one path are refused rather than silently merged.
 */
export async function collectChanges(
  builder: GitChangeBuilder,
  baseSha: string,
  read: (path: string) => Promise<string | undefined>,
): Promise<GitFileChange[]> {
  const cache = new Map<string, Promise<string | undefined>>();
  const cachedRead = (path: string) => {
    const valid = repoPath(path);
    let content = cache.get(valid);
    if (!content) {
      content = read(valid);
      cache.set(valid, content);
    }
    return content;
  };
  const changes = await builder(cachedRead, baseSha);
  const seen = new Set<string>();
  for (const change of changes) {
    repoPath(change.path);
    if (seen.has(change.path)) {
      throw new InputError(`Two changes to '${change.path}' in one commit`);
    }
    if (typeof change.content !== 'string') {
      throw new InputError(`The new content of '${change.path}' is missing`);
    }
    seen.add(change.path);
  }
  return changes;
}
