import { parseEntityRef } from '@backstage/catalog-model';
import type { GitAuthor } from '@slipway/plugin-gitops-node';
import { ENGINE_INITIATOR } from './writeGuard';

/**
 * The commit author for a user entity ref: `user:default/dana` → `dana <dana@default>`. Git only
 * needs a name and an address-shaped string; the ref itself goes into the `Slipway-Actor` trailer.
 */
export function authorFor(actorRef: string): GitAuthor {
  if (actorRef === ENGINE_INITIATOR) {
    return { name: 'Slipway', email: 'slipway@engine' };
  }
  try {
    const ref = parseEntityRef(actorRef, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    const name = ref.name.replace(/[<>\n]/g, '');
    const namespace = ref.namespace.replace(/[<>\n@]/g, '');
    return { name, email: `${name}@${namespace}` };
  } catch {
    const name = actorRef.replace(/[<>\n]/g, '').trim() || 'unknown';
    return { name, email: `${name.replace(/\s+/g, '.')}@slipway` };
  }
}
