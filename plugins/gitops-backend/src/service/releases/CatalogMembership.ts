import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'relations'];

/** Guards against a cycle of parent groups in a hand-written catalog. */
const MAX_DEPTH = 10;

/**
 * The groups a user belongs to as the catalog says: their own groups and every parent of those, so a
 * member of a child group of an approver group is an approver, as Backstage notifications resolve a
 * group to the members of it and of its child groups.
 */
export class CatalogMembership {
  constructor(
    private readonly options: {
      catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Group refs of `userRef`; none when the catalog does not know the user or cannot be reached. */
  async groupsOf(userRef: string): Promise<string[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const groups = new Set<string>();
    let todo = [userRef];
    try {
      for (let depth = 0; todo.length && depth < MAX_DEPTH; depth++) {
        const { items } = await this.options.catalog.getEntitiesByRefs(
          { entityRefs: todo, fields: FIELDS },
          { credentials },
        );
        const next = items
          .filter((entity): entity is Entity => Boolean(entity))
          .flatMap(entity => entity.relations ?? [])
          .filter(
            r => r.type === RELATION_MEMBER_OF || r.type === RELATION_CHILD_OF,
          )
          .map(r => r.targetRef)
          .filter(ref => !groups.has(ref));
        next.forEach(ref => groups.add(ref));
        todo = [...new Set(next)];
      }
    } catch (error) {
      // The sign-in's own ownership refs still decide; the catalog only adds groups.
      this.options.logger.warn(
        `Could not read the groups of ${userRef} from the catalog: ${error}`,
      );
    }
    return [...groups];
  }
}
