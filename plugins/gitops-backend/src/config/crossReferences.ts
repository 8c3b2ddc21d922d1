import {
  ConfigProblem,
  Environment,
  Product,
  PromotionFlow,
} from '@slipway/plugin-gitops-common';

/** A valid document, the file it came from and its data as written (for the paths of problems). */
export interface Located<T> {
  value: T;
  file: string;
  raw: unknown;
}

interface Documents {
  environments: Located<Environment>[];
  products: Located<Product>[];
  flows: Located<PromotionFlow>[];
}

/** Index of the step promoting into `environment` as written in the file (steps are reordered). */
function writtenStepIndex(raw: unknown, environment: string): number {
  const steps =
    (raw as { spec?: { steps?: { environment?: unknown }[] } }).spec?.steps ??
    [];
  return steps.findIndex(step => step.environment === environment);
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return (
    a.length === 0 ||
    b.length === 0 ||
    a.some(namespace => b.includes(namespace))
  );
}

function normaliseCluster(cluster: string): string {
  return cluster.replace(/\/+$/, '');
}

function checkEnvironments(
  environments: readonly Located<Environment>[],
  runtimeNames: readonly string[],
  problems: ConfigProblem[],
): void {
  const runtimes = new Set(runtimeNames);
  const configured = runtimeNames.length > 0 ? runtimeNames.join(', ') : 'none';
  const seen: {
    environment: string;
    runtime: string;
    cluster: string;
    namespaces: string[];
  }[] = [];
  for (const { value, file } of environments) {
    value.targets.forEach((target, index) => {
      if (!runtimes.has(target.runtime)) {
        problems.push({
          file,
          path: `spec.targets[${index}].runtime`,
          message: `"${target.runtime}" is not a runtime in app-config gitops.runtimes (configured: ${configured}), so no application can match this target`,
          severity: 'warning',
        });
      }
      const cluster = normaliseCluster(target.cluster);
      const clash = seen.find(
        other =>
          other.environment !== value.name &&
          other.runtime === target.runtime &&
          other.cluster === cluster &&
          overlaps(other.namespaces, target.namespaces),
      );
      if (clash) {
        problems.push({
          file,
          path: `spec.targets[${index}]`,
          message: `overlaps a target of environment "${clash.environment}" (same runtime and cluster, shared namespaces); applications there would match both`,
          severity: 'warning',
        });
      }
      seen.push({
        environment: value.name,
        runtime: target.runtime,
        cluster,
        namespaces: target.namespaces,
      });
    });
  }
}

function checkFlows(
  flows: readonly Located<PromotionFlow>[],
  environmentNames: ReadonlySet<string>,
  problems: ConfigProblem[],
): PromotionFlow[] {
  const missing = (name: string) =>
    `environment "${name}" is not defined in environments/ (or its file is invalid), so this flow was left out`;
  return flows.flatMap(({ value, file, raw }) => {
    const before = problems.length;
    if (!environmentNames.has(value.trigger.environment)) {
      problems.push({
        file,
        path: 'spec.trigger.environment',
        message: missing(value.trigger.environment),
        severity: 'error',
      });
    }
    for (const step of value.steps) {
      if (!environmentNames.has(step.environment)) {
        const index = writtenStepIndex(raw, step.environment);
        problems.push({
          file,
          path: `spec.steps[${index}].environment`,
          message: missing(step.environment),
          severity: 'error',
        });
      }
    }
    return problems.length === before ? [value] : [];
  });
}

function checkProducts(
  products: readonly Located<Product>[],
  flowNames: ReadonlySet<string>,
  problems: ConfigProblem[],
): Product[] {
  return products.map(({ value, file }) => {
    const flows = value.flows.filter((flow, index) => {
      if (flowNames.has(flow)) return true;
      problems.push({
        file,
        path: `spec.flows[${index}].name`,
        message: `flow "${flow}" is not defined in flows/ (or its file is invalid); the product cannot be released through it`,
        severity: 'error',
      });
      return false;
    });
    return { ...value, flows };
  });
}

/**
 * Checks the references between documents: environments name configured runtimes and do not overlap,
 * flows name existing environments, products name existing flows. A flow with a missing environment
 * is left out; a product keeps working without a flow it names that does not exist.
 */
export function checkCrossReferences(
  documents: Documents,
  runtimeNames: readonly string[],
): {
  environments: Environment[];
  products: Product[];
  flows: PromotionFlow[];
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  checkEnvironments(documents.environments, runtimeNames, problems);
  const environments = documents.environments.map(entry => entry.value);
  const flows = checkFlows(
    documents.flows,
    new Set(environments.map(e => e.name)),
    problems,
  );
  const products = checkProducts(
    documents.products,
    new Set(flows.map(f => f.name)),
    problems,
  );
  return { environments, products, flows, problems };
}
