import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntityRoute } from './deliveryLinks';

/** `user:default/alice` → `alice`; text that is not an entity ref (e.g. `engine`) stays as it is. */
export function actorName(ref: string): string {
  const match = /^[^:]+:(?:[^/]+\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/**
 * Who did something: a catalog user or group ref links to its entity page (full ref on hover);
 * anything else (the engine, a service, a Git author) is plain text.
 */
export function ActorLink(props: { actor: string; label?: string }) {
  const { actor } = props;
  const entityRoute = useEntityRoute();
  const label = props.label ?? actorName(actor);
  let link: string | undefined;
  if (entityRoute && /^(user|group):/i.test(actor)) {
    try {
      const ref = parseEntityRef(actor);
      link = entityRoute({
        kind: ref.kind.toLocaleLowerCase('en-US'),
        namespace: ref.namespace,
        name: ref.name,
      });
    } catch {
      link = undefined;
    }
  }
  return link ? (
    <Link to={link} title={actor}>
      {label}
    </Link>
  ) : (
    <span title={actor}>{label}</span>
  );
}
