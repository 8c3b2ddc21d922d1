import {
  ApplicationRef,
  ComponentDiff,
  EnvironmentDiff,
  Product,
  PromotableValueDiff,
} from '@slipway/plugin-gitops-common';
import { readYamlValue } from '../versions/readYamlValue';

/** One application's promotable files as read from its source folder. */
export interface PromotableFiles {
  application: ApplicationRef;
  component: string;
  /** File name → text; a file that does not exist is absent or `undefined`. */
  files: Readonly<Record<string, string | undefined>>;
}

export interface EnvironmentSide {
  environment: string;
  applications: readonly PromotableFiles[];
}

function byComponent(side: EnvironmentSide): Map<string, PromotableFiles> {
  const map = new Map<string, PromotableFiles>();
  for (const app of side.applications) {
    // Two applications of one component in one environment cannot be paired; keep both apart by name.
    const key = map.has(app.component)
      ? `${app.component} (${app.application.name})`
      : app.component;
    map.set(key, app);
  }
  return map;
}

function read(
  app: PromotableFiles | undefined,
  environment: string,
  file: string,
  path: string,
) {
  if (!app)
    return { problem: `no application of this component in ${environment}` };
  const text = app.files[file];
  if (text === undefined)
    return { problem: `${file} does not exist in ${app.application.name}` };
  const reading = readYamlValue(file, text, path);
  return reading.ok ? { value: reading.value } : { problem: reading.problem };
}

/** The product's promotable values (`promotion.files`) side by side for two environments. */
export function diffEnvironments(
  product: Product,
  from: EnvironmentSide,
  to: EnvironmentSide,
): EnvironmentDiff {
  const left = byComponent(from);
  const right = byComponent(to);
  const components = [...new Set([...left.keys(), ...right.keys()])].sort();
  const diffs = components.map((component): ComponentDiff => {
    const source = left.get(component);
    const target = right.get(component);
    const values = product.promotion.files.flatMap(({ file, paths }) =>
      paths.map((path): PromotableValueDiff => {
        const a = read(source, from.environment, file, path);
        const b = read(target, to.environment, file, path);
        return {
          file,
          path,
          ...(a.value !== undefined
            ? { from: a.value }
            : { fromProblem: a.problem }),
          ...(b.value !== undefined
            ? { to: b.value }
            : { toProblem: b.problem }),
          differs: a.value !== b.value,
        };
      }),
    );
    return {
      component,
      ...(source ? { from: source.application } : {}),
      ...(target ? { to: target.application } : {}),
      values,
      differs: values.some(value => value.differs),
    };
  });
  return {
    product: product.name,
    from: from.environment,
    to: to.environment,
    components: diffs,
    differences: diffs.reduce(
      (sum, c) => sum + c.values.filter(v => v.differs).length,
      0,
    ),
  };
}
