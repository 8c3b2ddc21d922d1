import type { ResourceNode } from '@slipway/plugin-gitops-common';
import { flattenResourceTree } from './resourceTree';

function node(
  kind: string,
  name: string,
  uid: string,
  parent?: Pick<ResourceNode, 'kind' | 'name' | 'uid'>,
): ResourceNode {
  return {
    group: kind === 'Pod' || kind === 'Service' ? '' : 'apps',
    kind,
    name,
    namespace: 'payments-dev',
    uid,
    parentRefs: parent
      ? [
          {
            group: 'apps',
            namespace: 'payments-dev',
            kind: parent.kind,
            name: parent.name,
            uid: parent.uid,
          },
        ]
      : [],
    info: [],
    images: [],
  };
}

describe('flattenResourceTree', () => {
  it('puts children under their parents, indented by depth', () => {
    const deployment = node('Deployment', 'api', 'd1');
    const oldRs = node('ReplicaSet', 'api-1', 'r1', deployment);
    const newRs = node('ReplicaSet', 'api-2', 'r2', deployment);
    const pod = node('Pod', 'api-2-x', 'p1', newRs);
    const service = node('Service', 'api', 's1');

    const rows = flattenResourceTree([pod, service, newRs, oldRs, deployment]);

    expect(rows.map(r => [r.node.name, r.node.kind, r.depth])).toEqual([
      ['api', 'Deployment', 0],
      ['api-1', 'ReplicaSet', 1],
      ['api-2', 'ReplicaSet', 1],
      ['api-2-x', 'Pod', 2],
      ['api', 'Service', 0],
    ]);
  });

  it('shows nodes whose parent is missing from the tree as roots', () => {
    const orphan = node('Pod', 'api-x', 'p1', {
      kind: 'ReplicaSet',
      name: 'gone',
      uid: 'r9',
    });
    expect(flattenResourceTree([orphan])).toEqual([{ node: orphan, depth: 0 }]);
  });

  it('keeps every node of a parent cycle exactly once', () => {
    const a = node('ReplicaSet', 'a', 'a', {
      kind: 'ReplicaSet',
      name: 'b',
      uid: 'b',
    });
    const b = node('ReplicaSet', 'b', 'b', {
      kind: 'ReplicaSet',
      name: 'a',
      uid: 'a',
    });
    const rows = flattenResourceTree([a, b]);
    expect(rows.map(r => r.node.name).sort()).toEqual(['a', 'b']);
  });
});
