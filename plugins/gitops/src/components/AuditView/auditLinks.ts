import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * The GitHub web page of a commit, for repositories written as `https://github.com/o/r(.git)`,
 * `git@github.com:o/r.git` or `ssh://git@github.com/o/r.git`; undefined for any other host (local
 * sandbox repositories have no web page).
 */
export function githubCommitUrl(
  repository: string | undefined,
  sha: string | undefined,
): string | undefined {
  if (!repository || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  const match = repository
    .trim()
    .match(
      /^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)github\.com[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/i,
    );
  if (!match) return undefined;
  const [, owner, repo] = match;
  return `https://github.com/${owner}/${repo}/commit/${sha}`;
}

const ENTITY_REF =
  /^[a-z][a-z0-9-]*:([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

/**
 * The catalog entity of an actor written as an entity ref (`user:default/alice`); undefined for
 * `engine`, Git authors (`git:Name <email>`) and anything else that names no entity.
 */
export function actorEntityRef(actor: string): CompoundEntityRef | undefined {
  if (actor.startsWith('git:') || !ENTITY_REF.test(actor)) return undefined;
  try {
    return parseEntityRef(actor);
  } catch {
    return undefined;
  }
}

/** A Git-sourced actor `git:Name <email>` as `Name <email>`; others unchanged. */
export function actorLabel(actor: string): string {
  return actor.startsWith('git:') ? actor.slice('git:'.length) : actor;
}
