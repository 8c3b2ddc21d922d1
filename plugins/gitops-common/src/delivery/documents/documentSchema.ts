import { parseEntityRef } from '@backstage/catalog-model';
import { DELIVERY_API_VERSION } from '../environment';
import { z } from 'zod';

/** Names of environments, products and flows: they appear in URLs, branch names and annotations. */
export const nameSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes, starting and ending with a letter or digit',
  );

export const textSchema = z.string().trim().min(1, 'must not be empty');

/** A catalog entity reference such as `group:default/payments-team`. */
export const entityRefSchema = z.string().superRefine((value, ctx) => {
  try {
    parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${value}" is not a catalog entity reference; write kind:namespace/name, e.g. group:default/payments-team`,
    });
  }
});

/** A file inside an application's source folder: relative, never leaving the folder. */
export const relativeFileSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine(
    value => !value.startsWith('/') && !value.split('/').includes('..'),
    'must be a file inside the application folder (no leading "/", no "..")',
  );

/**
 * The envelope every delivery document shares. Objects are strict so that a misspelt field
 * (`namespace` for `namespaces`) is reported instead of silently ignored.
 */
export function documentSchema<K extends string, S extends z.ZodTypeAny>(
  kind: K,
  spec: S,
) {
  return z
    .object({
      apiVersion: z.literal(DELIVERY_API_VERSION, {
        errorMap: () => ({ message: `must be ${DELIVERY_API_VERSION}` }),
      }),
      kind: z.literal(kind, {
        errorMap: () => ({ message: `must be ${kind}` }),
      }),
      metadata: z
        .object({
          name: nameSchema,
          labels: z.record(z.string()).optional(),
          annotations: z.record(z.string()).optional(),
        })
        .strict(),
      spec,
    })
    .strict();
}
