import type { ReleaseStep } from '@slipway/plugin-gitops-common';

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 60;
const COLUMN_GAP = 56;
const ROW_GAP = 16;

export interface FlowNode {
  environment: string;
  /** The trigger (source) environment: where the version comes from, not a step. */
  root: boolean;
  step?: ReleaseStep;
  depth: number;
  x: number;
  y: number;
}

export interface FlowEdge {
  from: string;
  to: string;
}

export interface FlowLayout {
  nodes: FlowNode[];
  edges: FlowEdge[];
  width: number;
  height: number;
}

/**
 * Lays a release's steps out left to right by DAG depth: the source environment is the root, each
 * step sits one column right of the deepest step it depends on, and steps of one depth stack in
 * flow order. Unknown or cyclic dependencies never loop: they count as the root.
 */
export function layoutFlow(root: string, steps: ReleaseStep[]): FlowLayout {
  const byEnvironment = new Map(steps.map(s => [s.environment, s]));
  const depths = new Map<string, number>([[root, 0]]);
  const visiting = new Set<string>();
  const depthOf = (environment: string): number => {
    const known = depths.get(environment);
    if (known !== undefined) return known;
    const step = byEnvironment.get(environment);
    if (!step || visiting.has(environment)) return 0;
    visiting.add(environment);
    const parents = step.dependsOn.length ? step.dependsOn : [root];
    const depth = 1 + Math.max(...parents.map(depthOf));
    visiting.delete(environment);
    depths.set(environment, depth);
    return depth;
  };
  const rows = new Map<number, number>();
  const place = (environment: string, step?: ReleaseStep): FlowNode => {
    const depth = step ? depthOf(environment) : 0;
    const row = rows.get(depth) ?? 0;
    rows.set(depth, row + 1);
    return {
      environment,
      root: !step,
      step,
      depth,
      x: depth * (NODE_WIDTH + COLUMN_GAP),
      y: row * (NODE_HEIGHT + ROW_GAP),
    };
  };
  const nodes = [
    ...(byEnvironment.has(root) ? [] : [place(root)]),
    ...steps.map(s => place(s.environment, s)),
  ];
  const present = new Set(nodes.map(n => n.environment));
  const edges = steps.flatMap(s =>
    (s.dependsOn.length ? s.dependsOn : [root])
      .filter(d => present.has(d) && d !== s.environment)
      .map(d => ({ from: d, to: s.environment })),
  );
  const columns = Math.max(...nodes.map(n => n.depth)) + 1;
  const maxRows = Math.max(...rows.values());
  return {
    nodes,
    edges,
    width: columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP,
    height: maxRows * NODE_HEIGHT + (maxRows - 1) * ROW_GAP,
  };
}
