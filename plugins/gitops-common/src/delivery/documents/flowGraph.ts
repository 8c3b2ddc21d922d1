/** A step as written, before defaults: `dependsOn` may be left out. */
export interface StepDependencies {
  environment: string;
  dependsOn?: string[];
}

export interface FlowGraphProblem {
  /** Path inside `spec`, e.g. `['steps', 1, 'dependsOn', 0]`. */
  path: (string | number)[];
  message: string;
}

/** The steps a step waits for; a step written without any waits for the trigger environment. */
export function dependenciesOf(
  step: StepDependencies,
  trigger: string,
): string[] {
  return step.dependsOn && step.dependsOn.length > 0
    ? step.dependsOn
    : [trigger];
}

/** Finds one dependency cycle among steps, as the environments along it (first repeated at the end). */
function findCycle(
  steps: readonly StepDependencies[],
  trigger: string,
): string[] | undefined {
  const edges = new Map(
    steps.map(step => [step.environment, dependenciesOf(step, trigger)]),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done' || !edges.has(node)) return undefined;
    if (state.get(node) === 'visiting') {
      return [...trail.slice(trail.indexOf(node)), node];
    }
    state.set(node, 'visiting');
    trail.push(node);
    for (const next of edges.get(node)!) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const step of steps) {
    const cycle = visit(step.environment);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Checks that the steps form a graph a release can walk: one step per environment, no step into the
 * trigger environment, every `dependsOn` names the trigger or a step, and no cycles.
 */
export function findFlowGraphProblems(
  trigger: string,
  steps: readonly StepDependencies[],
): FlowGraphProblem[] {
  const problems: FlowGraphProblem[] = [];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    if (step.environment === trigger) {
      problems.push({
        path: ['steps', index, 'environment'],
        message: `"${trigger}" is the trigger environment; a step cannot promote into it`,
      });
    } else if (seen.has(step.environment)) {
      problems.push({
        path: ['steps', index, 'environment'],
        message: `"${step.environment}" has more than one step; each environment appears once in a flow`,
      });
    }
    seen.add(step.environment);
  });
  const known = new Set([trigger, ...seen]);
  steps.forEach((step, index) => {
    (step.dependsOn ?? []).forEach((dependency, position) => {
      if (dependency === step.environment) {
        problems.push({
          path: ['steps', index, 'dependsOn', position],
          message: `step "${step.environment}" cannot depend on itself`,
        });
      } else if (!known.has(dependency)) {
        problems.push({
          path: ['steps', index, 'dependsOn', position],
          message: `"${dependency}" is neither the trigger environment "${trigger}" nor a step of this flow`,
        });
      }
    });
  });
  if (problems.length === 0) {
    const cycle = findCycle(steps, trigger);
    if (cycle) {
      problems.push({
        path: ['steps'],
        message: `the steps depend on each other in a cycle (${cycle.join(
          ' → ',
        )}), so none of them could start`,
      });
    }
  }
  return problems;
}

/** Steps in an order where every step comes after what it depends on; keeps the written order otherwise. */
export function orderSteps<T extends StepDependencies>(
  steps: readonly T[],
  trigger: string,
): T[] {
  const placed = new Set([trigger]);
  const ordered: T[] = [];
  const remaining = [...steps];
  while (remaining.length > 0) {
    const index = remaining.findIndex(step =>
      dependenciesOf(step, trigger).every(dependency => placed.has(dependency)),
    );
    if (index < 0) {
      throw new Error(
        `flow steps contain a cycle; check with findFlowGraphProblems first`,
      );
    }
    const [step] = remaining.splice(index, 1);
    placed.add(step.environment);
    ordered.push(step);
  }
  return ordered;
}
