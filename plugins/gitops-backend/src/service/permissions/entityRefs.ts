import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * A full, lower-case entity ref, so `payments-team`, `group:payments-team` and
 * `Group:default/Payments-Team` compare equal (catalog refs are case-insensitive). Owners default to
 * kind Group, as the catalog's own `spec.owner` does. Unparseable input is returned lower-cased.
 */
export function normalizeOwnerRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}
