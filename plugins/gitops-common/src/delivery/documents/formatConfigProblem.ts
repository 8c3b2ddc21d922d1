import { ConfigProblem } from '../problems';

/** One line for logs: `products/search.yaml: spec.versionSource.path: "$.image[" is not a valid path: ...`. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.path
    ? `${problem.file}: ${problem.path}`
    : problem.file;
  const label = problem.severity === 'warning' ? ' (warning)' : '';
  return `${where}: ${problem.message}${label}`;
}
