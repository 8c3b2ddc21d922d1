import { ConfigProblemSeverity } from '../problems';
import { z } from 'zod';

/** A schema of one delivery document kind: checks the YAML data and turns it into the model type. */
export type DocumentSchema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

/** A problem inside one document, before the file is attached. */
export interface DocumentIssue {
  path: string;
  message: string;
  severity: ConfigProblemSeverity;
}

/** `['spec', 'targets', 0, 'runtime']` → `spec.targets[0].runtime`. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
  undefined: 'missing',
};

const kindOf = (type: string) => ARTICLE[type] ?? type;

/** One zod issue as a sentence about the field (the field itself is named by the path). */
function describe(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined'
        ? 'is required'
        : `must be ${kindOf(issue.expected)}, found ${kindOf(issue.received)}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `must be one of ${issue.options.join(', ')}; found "${String(
        issue.received,
      )}"`;
    case z.ZodIssueCode.too_small:
      return issue.type === 'array'
        ? `needs at least ${issue.minimum} item${
            issue.minimum === 1 ? '' : 's'
          }`
        : issue.message;
    default:
      return issue.message;
  }
}

/** A union's issues from the alternative that got furthest (fewest type mismatches at its root). */
function closestAlternative(issue: z.ZodInvalidUnionIssue): z.ZodIssue[] {
  const depth = issue.path.length;
  const scored = issue.unionErrors.map(error => ({
    issues: error.issues,
    mismatches: error.issues.filter(
      i => i.code === z.ZodIssueCode.invalid_type && i.path.length === depth,
    ).length,
  }));
  scored.sort((a, b) => a.mismatches - b.mismatches);
  return scored[0]?.issues ?? [];
}

function flatten(issues: readonly z.ZodIssue[]): z.ZodIssue[] {
  return issues.flatMap(issue =>
    issue.code === z.ZodIssueCode.invalid_union
      ? flatten(closestAlternative(issue))
      : [issue],
  );
}

function withoutKeys(data: unknown, issues: readonly z.ZodIssue[]): unknown {
  const copy = structuredClone(data);
  for (const issue of issues) {
    if (issue.code !== z.ZodIssueCode.unrecognized_keys) continue;
    let target: any = copy;
    for (const part of issue.path) target = target?.[part];
    for (const key of issue.keys) delete target?.[key];
  }
  return copy;
}

/**
 * Validates one document. Unknown fields are warnings (reported, then ignored) so that a typo does not
 * hide a document; every other issue is an error and the document is left out.
 */
export function validateDocument<T>(
  schema: DocumentSchema<T>,
  data: unknown,
): { value?: T; issues: DocumentIssue[] } {
  const warnings: DocumentIssue[] = [];
  let input = data;
  // Each round strips the unknown fields zod reported; nested ones can surface one level at a time.
  for (let round = 0; round < 5; round++) {
    const result = schema.safeParse(input);
    if (result.success) {
      return { value: result.data, issues: warnings };
    }
    const issues = flatten(result.error.issues);
    const unknown = issues.filter(
      i => i.code === z.ZodIssueCode.unrecognized_keys,
    );
    const errors = issues.filter(
      i => i.code !== z.ZodIssueCode.unrecognized_keys,
    );
    for (const issue of unknown) {
      for (const key of (issue as z.ZodUnrecognizedKeysIssue).keys) {
        warnings.push({
          path: formatIssuePath([...issue.path, key]),
          message: `is not a known field and was ignored; check its spelling and indentation`,
          severity: 'warning',
        });
      }
    }
    if (unknown.length === 0 || errors.length > 0) {
      return {
        issues: [
          ...warnings,
          ...errors.map(issue => ({
            path: formatIssuePath(issue.path),
            message: describe(issue),
            severity: 'error' as const,
          })),
        ],
      };
    }
    input = withoutKeys(input, unknown);
  }
  return { issues: warnings };
}
