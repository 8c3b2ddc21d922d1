import { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlCache } from '@slipway/plugin-gitops-node';

/** The annotation on User entities that names the user's GitHub account. */
export const GITHUB_LOGIN_ANNOTATION = 'github.com/user-login';

export interface UserAccount {
  /** Absent when the catalog has no such user. */
  found: boolean;
  /** The `github.com/user-login` annotation, when present. */
  githubLogin?: string;
  /** Refs of the groups the user is a member of (`memberOf` relations). */
  groups: string[];
}

/**
 * Reads users' GitHub logins and groups from the catalog with Slipway's own service credentials (the
 * answer must not depend on what the user may see), remembered briefly.
 */
export class GithubLogins {
  private readonly cache: TtlCache<Entity | undefined>;

  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      auth: AuthService;
      cacheTtlMs?: number;
    },
  ) {
    this.cache = new TtlCache(deps.cacheTtlMs ?? 60_000);
  }

  /** The user's catalog entity; `undefined` when the catalog has no such user. */
  entity(userRef: string): Promise<Entity | undefined> {
    return this.cache.get(userRef.toLocaleLowerCase('en-US'), async () =>
      this.deps.catalog.getEntityByRef(userRef, {
        credentials: await this.deps.auth.getOwnServiceCredentials(),
      }),
    );
  }

  async account(userRef: string): Promise<UserAccount> {
    const entity = await this.entity(userRef);
    if (!entity) return { found: false, groups: [] };
    const login = entity.metadata.annotations?.[GITHUB_LOGIN_ANNOTATION];
    return {
      found: true,
      githubLogin: login?.trim() || undefined,
      groups: (entity.relations ?? [])
        .filter(r => r.type === 'memberOf')
        .map(r => r.targetRef),
    };
  }
}
