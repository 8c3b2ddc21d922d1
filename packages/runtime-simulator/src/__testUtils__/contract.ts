import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** Finds `shared/argocd/<file>` in this directory or any parent (CI clones the repo with shared/ beside it). */
export function findShared(file: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'shared', 'argocd', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`shared/argocd/${file} not found above ${__dirname}`);
    dir = parent;
  }
}

type Schema = Record<string, any>;

/**
 * Every object definition is closed (`additionalProperties: false`) so a field the contract does not
 * know fails the test. ResourceNode embeds ResourceRef inline (Go struct embedding): its identity fields
 * sit at the top level of each node, so they are merged into the node's own properties (the swagger only
 * hints at them with an `allOf`) and required there.
 */
function tighten(definitions: Record<string, Schema>): Record<string, Schema> {
  const copy: Record<string, Schema> = structuredClone(definitions);
  const node = copy.v1alpha1ResourceNode;
  delete node.allOf;
  for (const field of [
    'group',
    'version',
    'kind',
    'namespace',
    'name',
    'uid',
  ]) {
    node.properties[field] = { type: 'string' };
  }
  node.required = ['version', 'kind', 'name'];
  for (const schema of Object.values(copy)) {
    if (
      schema.type === 'object' &&
      schema.properties &&
      !schema.allOf &&
      schema.additionalProperties === undefined
    ) {
      schema.additionalProperties = false;
    }
  }
  return copy;
}

function newAjv(): Ajv {
  // Code optimisation makes compiling the large CRD schema ~8x slower and buys nothing here.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    code: { optimize: false },
  });
  addFormats(ajv);
  ajv.addFormat('int64', {
    type: 'number',
    validate: n => Number.isInteger(n),
  });
  ajv.addFormat('int32', {
    type: 'number',
    validate: n => Number.isInteger(n),
  });
  ajv.addFormat('byte', true);
  return ajv;
}

let swaggerAjv: Ajv | undefined;

/** A validator for a swagger definition (e.g. `v1alpha1Application`) of Argo CD's swagger.json. */
export function swaggerValidator(definition: string): ValidateFunction {
  if (!swaggerAjv) {
    const swagger = JSON.parse(
      readFileSync(findShared('swagger.json'), 'utf8'),
    );
    swaggerAjv = newAjv();
    swaggerAjv.addSchema({
      $id: 'swagger',
      definitions: tighten(swagger.definitions),
    });
  }
  return swaggerAjv.getSchema(`swagger#/definitions/${definition}`)!;
}

/** A validator for an Application as the Kubernetes API stores it (the CRD's openAPIV3Schema). */
export function applicationCrdValidator(): ValidateFunction {
  const crd = parse(
    readFileSync(findShared('crds/application-crd.yaml'), 'utf8'),
  );
  return newAjv().compile(crd.spec.versions[0].schema.openAPIV3Schema);
}

/** The contract violations of `data` (ajv errors, at most ten), empty when it matches. */
export function violations(
  validate: ValidateFunction,
  data: unknown,
): unknown[] {
  return validate(data) ? [] : (validate.errors ?? []).slice(0, 10);
}
