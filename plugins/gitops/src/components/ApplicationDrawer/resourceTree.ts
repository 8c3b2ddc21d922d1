import type { ResourceNode, ResourceRef } from '@slipway/plugin-gitops-common';

export interface ResourceRow {
  node: ResourceNode;
  depth: number;
}

const keyOf = (r: ResourceRef) =>
  r.uid ?? `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

const byKindAndName = (a: ResourceNode, b: ResourceNode) =>
  a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);

/**
 * Flattens Argo CD's resource tree (nodes with parent refs) into rows in depth-first order, each with
 * its depth for indenting. Nodes whose parents are not in the tree are roots; cycles are cut.
 */
export function flattenResourceTree(nodes: ResourceNode[]): ResourceRow[] {
  const byKey = new Map(nodes.map(n => [keyOf(n), n]));
  const children = new Map<string, ResourceNode[]>();
  const roots: ResourceNode[] = [];
  for (const node of nodes) {
    const parents = node.parentRefs.filter(p => byKey.has(keyOf(p)));
    if (parents.length === 0) {
      roots.push(node);
    } else {
      // A node with several parents is shown under the first one only.
      const parentKey = keyOf(parents[0]);
      children.set(parentKey, [...(children.get(parentKey) ?? []), node]);
    }
  }
  const rows: ResourceRow[] = [];
  const visited = new Set<string>();
  const visit = (node: ResourceNode, depth: number) => {
    const key = keyOf(node);
    if (visited.has(key)) return;
    visited.add(key);
    rows.push({ node, depth });
    for (const child of (children.get(key) ?? []).sort(byKindAndName)) {
      visit(child, depth + 1);
    }
  };
  roots.sort(byKindAndName).forEach(root => visit(root, 0));
  // Nodes only reachable through a cycle still get a row.
  nodes.filter(n => !visited.has(keyOf(n))).forEach(n => visit(n, 0));
  return rows;
}
