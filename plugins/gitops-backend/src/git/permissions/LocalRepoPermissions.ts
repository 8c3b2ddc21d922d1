import { LocalPermissionRule } from './gitPermissionConfig';
import {
  REPO_PERMISSION_LEVELS,
  RepoPermissionLevel,
} from './permissionLevels';

function normalizeUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `*` matches within one path segment, `**` across segments; everything else literally. */
function globPattern(glob: string): RegExp {
  const source = normalizeUrl(glob)
    .split(/(\*\*|\*)/)
    .map(part => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Permissions on local `file://` repositories, from `gitops.git.localPermissions`: the first entry
 * whose `repo` matches decides, by the highest level among the user's own ref and their groups' refs,
 * else its `default`. A repository no entry matches grants nothing, unless no entries are configured
 * at all (the sandbox: everyone may write).
 */
export class LocalRepoPermissions {
  private readonly rules: (LocalPermissionRule & { pattern: RegExp })[];

  constructor(rules: LocalPermissionRule[]) {
    this.rules = rules.map(rule => ({
      ...rule,
      pattern: globPattern(rule.repo),
    }));
  }

  /** Whether group memberships can change the answer for this repository (so they are worth looking up). */
  namesGroups(repoUrl: string): boolean {
    const rule = this.ruleFor(repoUrl);
    return (
      !!rule && Object.keys(rule.users).some(ref => !ref.startsWith('user:'))
    );
  }

  /** The level of a user (and the groups they belong to, as entity refs) on a local repository. */
  levelOf(
    userRef: string,
    repoUrl: string,
    groupRefs: readonly string[] = [],
  ): { level: RepoPermissionLevel; source: string } {
    if (this.rules.length === 0) {
      return {
        level: 'admin',
        source: 'no gitops.git.localPermissions configured',
      };
    }
    const rule = this.ruleFor(repoUrl);
    if (!rule) {
      return {
        level: 'none',
        source: 'no gitops.git.localPermissions entry matches the repository',
      };
    }
    const refs = [userRef, ...groupRefs].map(r => r.toLocaleLowerCase('en-US'));
    const granted = refs
      .filter(ref => rule.users[ref] !== undefined)
      .map(ref => ({ level: rule.users[ref], source: `granted to ${ref}` }));
    const best = granted.sort(
      (a, b) =>
        REPO_PERMISSION_LEVELS.indexOf(b.level) -
        REPO_PERMISSION_LEVELS.indexOf(a.level),
    )[0];
    return (
      best ?? {
        level: rule.default,
        source: `the default of the entry for ${rule.repo}`,
      }
    );
  }

  private ruleFor(repoUrl: string) {
    const url = normalizeUrl(repoUrl);
    return this.rules.find(rule => rule.pattern.test(url));
  }
}
