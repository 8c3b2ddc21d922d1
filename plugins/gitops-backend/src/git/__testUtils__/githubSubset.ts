import fs from 'node:fs';
import path from 'node:path';

/** GitHub's OpenAPI subset in `shared/github/`, found by walking up from here (CI clones `shared/` beside the repo). */
export function loadGithubSubset(): any {
  const start = __dirname; // eslint-disable-line no-restricted-syntax -- test utilities run from source
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'shared', 'github', 'subset.json');
    if (fs.existsSync(file)) {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No shared/github/subset.json above ${start}`);
    }
  }
}

export interface SubsetRoute {
  method: string;
  template: string;
  operationId: string;
  pattern: RegExp;
  params: string[];
  bodySchema?: any;
}

/** One matcher per operation in the subset; `{path}`, `{ref}` and `{basehead}` may hold slashes. */
export function subsetRoutes(subset: any): SubsetRoute[] {
  const routes: SubsetRoute[] = [];
  for (const [template, item] of Object.entries<any>(subset.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const params: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map(part => {
          const name = /^\{(.+)\}$/.exec(part)?.[1];
          if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          params.push(name);
          return ['path', 'ref', 'basehead'].includes(name)
            ? '(.+)'
            : '([^/]+)';
        })
        .join('');
      routes.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        pattern: new RegExp(`^${source}$`),
        params,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return routes;
}

/** Problems of a request body against the subset's schema: required fields, types, enums, unknown fields. */
export function bodyProblems(
  schema: any,
  value: unknown,
  at = 'body',
): string[] {
  if (!schema) return [];
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  const problems: string[] = [];
  const type = schema.type;
  if (type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value))
      return [`${at} is not an object`];
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (record[key] === undefined) problems.push(`${at}.${key} is required`);
    }
    for (const [key, child] of Object.entries(record)) {
      const childSchema = schema.properties?.[key];
      if (!childSchema && schema.properties) {
        problems.push(`${at}.${key} is not in the schema`);
      } else if (child !== undefined) {
        problems.push(...bodyProblems(childSchema, child, `${at}.${key}`));
      }
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [`${at} is not an array`];
    value.forEach((item, i) =>
      problems.push(...bodyProblems(schema.items, item, `${at}[${i}]`)),
    );
  } else if (type === 'string' || type === 'boolean') {
    if (typeof value !== type) problems.push(`${at} is not a ${type}`);
    else if (schema.enum && !schema.enum.includes(value))
      problems.push(`${at} is not one of ${schema.enum}`);
  } else if (type === 'integer' && !Number.isInteger(value)) {
    problems.push(`${at} is not an integer`);
  }
  return problems;
}
