import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { GitopsApi } from '@slipway/plugin-gitops-common';

/** The backend's contract: the OpenAPI document its router is generated from. */
const SPEC_PATH = resolve(
  __dirname,
  '../../../gitops-backend/src/schema/openapi.yaml',
);

/** Each client method and the operation (method, path, success status) whose answer it returns. */
const OPERATIONS: Record<
  Exclude<keyof GitopsApi, 'getAuditCsvUrl' | 'getDoraCsvUrl'>,
  [method: string, path: string, status: string]
> = {
  getRuntimes: ['get', '/runtimes', '200'],
  getRuntime: ['get', '/runtimes/{runtime}', '200'],
  getApplications: ['get', '/applications', '200'],
  getApplication: ['get', '/applications/{runtime}/{namespace}/{name}', '200'],
  getRevisionMetadata: [
    'get',
    '/applications/{runtime}/{namespace}/{name}/revisions/{revision}/metadata',
    '200',
  ],
  getManagedResources: [
    'get',
    '/applications/{runtime}/{namespace}/{name}/managed-resources',
    '200',
  ],
  getApplicationEvents: [
    'get',
    '/applications/{runtime}/{namespace}/{name}/events',
    '200',
  ],
  syncApplication: [
    'post',
    '/applications/{runtime}/{namespace}/{name}/sync',
    '200',
  ],
  refreshApplication: [
    'post',
    '/applications/{runtime}/{namespace}/{name}/refresh',
    '200',
  ],
  getEnvironments: ['get', '/environments', '200'],
  getProducts: ['get', '/products', '200'],
  getProduct: ['get', '/products/{name}', '200'],
  getEnvironmentDiff: ['get', '/products/{name}/diff', '200'],
  getConfigStatus: ['get', '/config/status', '200'],
  previewPromotion: ['post', '/products/{name}/promotions/preview', '200'],
  createPromotion: ['post', '/products/{name}/promotions', '202'],
  getReleases: ['get', '/releases', '200'],
  getRelease: ['get', '/releases/{id}', '200'],
  retryRelease: ['post', '/releases/{id}/retry', '200'],
  terminateRelease: ['post', '/releases/{id}/terminate', '200'],
  approveRelease: ['post', '/releases/{id}/approve', '200'],
  requestFreezeOverride: ['post', '/releases/{id}/freeze-override', '200'],
  approveFreezeOverride: [
    'post',
    '/releases/{id}/freeze-override/approve',
    '200',
  ],
  getAuditEvents: ['get', '/audit', '200'],
  getDoraMetrics: ['get', '/metrics/dora', '200'],
  findChange: ['get', '/changes', '200'],
};

let validators: Map<string, ValidateFunction> | undefined;

/** Compiles one validator per operation's JSON answer, once per test file. */
function responseValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  // Local refs become refs into the registered document, so inline answer schemas resolve them.
  const spec = JSON.parse(
    JSON.stringify(parse(readFileSync(SPEC_PATH, 'utf8'))).replace(
      /"#\/components\//g,
      '"openapi#/components/',
    ),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: spec.components });
  validators = new Map();
  for (const [name, [method, path, status]] of Object.entries(OPERATIONS)) {
    const schema =
      spec.paths[path]?.[method]?.responses?.[status]?.content?.[
        'application/json'
      ]?.schema;
    if (!schema) {
      throw new Error(
        `openapi.yaml describes no JSON ${status} answer for ${method.toUpperCase()} ${path} (${name})`,
      );
    }
    validators.set(name, ajv.compile(schema));
  }
  return validators;
}

/** Throws when `value` is not what the backend's OpenAPI document says `method` answers. */
export function assertMatchesSchema(method: string, value: unknown) {
  const validate = responseValidators().get(method);
  if (!validate) return;
  if (!validate(value)) {
    const [verb, path] = OPERATIONS[method as keyof typeof OPERATIONS];
    throw new Error(
      `The test backend answered ${verb.toUpperCase()} ${path} (${method}) with a shape the OpenAPI document does not allow:\n${(
        validate.errors ?? []
      )
        .map(e => `  ${e.instancePath || '/'} ${e.message}`)
        .join('\n')}`,
    );
  }
}

/**
 * Wraps a test backend so every answer is checked against the OpenAPI document: a fake that drifts
 * from the real routes (a field renamed, a required one missing) fails the test that reads it.
 */
export function schemaChecked<T extends GitopsApi>(api: T): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      // A test's own spy (jest.spyOn) is handed back as is: it wraps the checked method.
      if (
        typeof value !== 'function' ||
        typeof property !== 'string' ||
        !(property in OPERATIONS) ||
        jest.isMockFunction(value)
      ) {
        return value;
      }
      return async (...args: unknown[]) => {
        const answer = await value.apply(target, args);
        assertMatchesSchema(property, JSON.parse(JSON.stringify(answer)));
        return answer;
      };
    },
  });
}
