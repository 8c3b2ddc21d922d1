import type { ResourceNode, ResourceRef } from '@slipway/plugin-gitops-common';

/** Identifies a resource across the tree, the sync request and the managed-resources diff. */
export const resourceKey = (
  r: Pick<ResourceRef, 'group' | 'kind' | 'name'> & { namespace?: string },
) => `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

/**
 * The resources Argo CD manages for the app (those with a sync status), the ones a sync can select;
 * ReplicaSets and Pods below them are the cluster's, not Git's. Sorted by kind and name.
 */
export function managedResources(nodes: ResourceNode[]): ResourceNode[] {
  return nodes
    .filter(n => n.syncStatus !== undefined)
    .sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
}
