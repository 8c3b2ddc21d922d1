import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatConfigProblem,
  productSchema,
  validateDocument,
} from '@slipway/plugin-gitops-common';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { renderProductDocument } from './productDocument';

/**
 * Checks the document with the schema the backend loads the delivery repository with; throws the
 * problems exactly as the backend reports them (`products/x.yaml: spec.owner: ...`).
 */
function assertBackendAccepts(file: string, content: string): void {
  const problems = validateDocument(productSchema, parse(content))
    .issues.filter(issue => issue.severity === 'error')
    .map(issue => formatConfigProblem({ file, ...issue }));
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

// Product names become file names and annotation values, so keep them DNS-label-like.
const PRODUCT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ENTITY_REF = /^[a-z]+:([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i;
const JSON_PATH = /^\$(\.[A-Za-z0-9_-]+)+$/;

/**
 * `gitops:product:define` writes `products/<name>.yaml` into the workspace, ready
 * for a publish step (for example a pull request to the delivery repository).
 */
export function createDefineProductAction() {
  return createTemplateAction({
    id: 'gitops:product:define',
    description:
      'Writes a Slipway Product definition (products/<name>.yaml) into the workspace',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Product name (lower-case, dashes)'),
        title: z => z.string().optional(),
        description: z => z.string().optional(),
        owner: z =>
          z
            .string()
            .describe('Owner entity ref, e.g. group:default/payments-team'),
        entities: z => z.array(z.string()).optional(),
        versionSource: z =>
          z
            .object({ file: z.string(), path: z.string() })
            .default({ file: 'Chart.yaml', path: '$.appVersion' }),
        promotionFiles: z =>
          z
            .array(
              z.object({ file: z.string(), paths: z.array(z.string()).min(1) }),
            )
            .default([{ file: 'values.yaml', paths: ['$.image.tag'] }]),
        flow: z => z.string().optional(),
        concurrency: z => z.enum(['queue', 'supersede']).default('queue'),
        targetPath: z => z.string().default('products'),
      },
      output: {
        filePath: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      if (!PRODUCT_NAME.test(input.name)) {
        throw new InputError(
          `Product name '${input.name}' must be lower-case letters, digits and dashes, at most 63 characters`,
        );
      }
      for (const ref of [input.owner, ...(input.entities ?? [])]) {
        if (!ENTITY_REF.test(ref)) {
          throw new InputError(
            `'${ref}' is not an entity ref such as group:default/team-a`,
          );
        }
      }
      for (const path of [
        input.versionSource.path,
        ...input.promotionFiles.flatMap(f => f.paths),
      ]) {
        if (!JSON_PATH.test(path)) {
          throw new InputError(`'${path}' is not a path such as $.image.tag`);
        }
      }

      const relativeFile = `${input.targetPath}/${input.name}.yaml`;
      const file = resolveSafeChildPath(ctx.workspacePath, relativeFile);
      const content = renderProductDocument(input);
      assertBackendAccepts(relativeFile, content);
      if (!ctx.isDryRun) {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content, 'utf8');
      }
      ctx.logger.info(`Defined product ${input.name} in ${relativeFile}`);
      ctx.output('filePath', relativeFile);
    },
  });
}
