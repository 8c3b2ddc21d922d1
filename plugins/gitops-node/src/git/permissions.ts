import type { Entity } from '@backstage/catalog-model';

/** Repository permission levels, lowest first, as GitHub names its base roles. */
export const REPO_PERMISSION_LEVELS = [
  'none',
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
] as const;

/** One of {@link REPO_PERMISSION_LEVELS}; other hosts map their roles onto these. */
export type RepoPermissionLevel = (typeof REPO_PERMISSION_LEVELS)[number];

/** True when `value` is one of {@link REPO_PERMISSION_LEVELS}. */
export function isRepoPermissionLevel(
  value: unknown,
): value is RepoPermissionLevel {
  return REPO_PERMISSION_LEVELS.includes(value as RepoPermissionLevel);
}

/** True when `level` grants at least `minimum`. */
export function atLeast(
  level: RepoPermissionLevel,
  minimum: RepoPermissionLevel,
): boolean {
  return (
    REPO_PERMISSION_LEVELS.indexOf(level) >=
    REPO_PERMISSION_LEVELS.indexOf(minimum)
  );
}

/** The user on whose behalf Slipway is about to write. */
export interface RepoPermissionSubject {
  /** The user's entity ref, e.g. `user:default/dana` (always a `user:` ref). */
  userRef: string;
  /**
   * The user's catalog entity, read with Slipway's own service credentials (so the answer does not
   * depend on what the user may see) and remembered briefly; `undefined` when the catalog has no such
   * user. Use its annotations for the user's account on the host and its `memberOf` relations for groups.
   */
  entity(): Promise<Entity | undefined>;
}

/**
 * A provider's answer to "what may this user do in this repository?".
 *
 * - `{ level, source }`: the user's level and where it comes from, shown to people in a refusal or
 *   in the audit log, e.g. `GitLab user 'dana' is a Maintainer of acme/app`.
 * - `{ refused }`: the level cannot be determined (unknown account, no mapping); the sentence says
 *   why, e.g. `the user's catalog entity has no gitlab.com/user-login annotation`. Slipway refuses.
 */
export type RepoPermissionAnswer =
  | { level: RepoPermissionLevel; source: string; refused?: undefined }
  | { refused: string; level?: undefined };

/**
 * A Git provider's own repository-permission check. Before Slipway writes to a repository on a
 * user's behalf (a promotion, a retry, an approval that resumes one), it asks the provider that
 * serves the repository for the user's level and compares it with `gitops.git.minimumPermission`
 * (default `write`): a user who cannot write to a repository cannot make Slipway write to it.
 * Automatic releases write with Slipway's own credentials and are not checked.
 *
 * Contract:
 * - Called only for URLs the provider `supports`.
 * - Answer from the host's own permission model with Slipway's credentials; cache answers briefly if
 *   the host is slow (Slipway asks once per target repository per request and per step).
 * - Return `{ refused }` for a user the host does not know; throw (a Backstage error type) only when
 *   the host cannot be asked, e.g. it is down or Slipway's credentials lack access: the request then
 *   fails with that error instead of being refused.
 */
export interface RepoPermissionCheck {
  repositoryPermission(
    subject: RepoPermissionSubject,
    url: string,
  ): Promise<RepoPermissionAnswer>;
}
