import { LabelSelector, Product } from '../product';
import { z } from 'zod';
import {
  LabelSelectorSyntaxError,
  parseLabelSelector,
} from '../syntax/labelSelector';
import { parseValuePath, PathSyntaxError } from '../syntax/valuePath';
import {
  documentSchema,
  entityRefSchema,
  nameSchema,
  relativeFileSchema,
  textSchema,
} from './documentSchema';

/** A JSONPath-like value path, checked by the same parser that later reads it. */
export const valuePathSchema = z.string().superRefine((value, ctx) => {
  try {
    parseValuePath(value);
  } catch (e) {
    if (!(e instanceof PathSyntaxError)) throw e;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message });
  }
});

const labelKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/,
    'is not a valid label key',
  );

const requirementSchema = z
  .object({
    key: labelKeySchema,
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((requirement, ctx) => {
    const takesValues =
      requirement.operator === 'In' || requirement.operator === 'NotIn';
    if (takesValues !== requirement.values.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['values'],
        message: takesValues
          ? `${requirement.operator} needs at least one value`
          : `${requirement.operator} takes no values`,
      });
    }
  });

const structuredSelectorSchema = z
  .object({
    matchLabels: z.record(labelKeySchema, z.string()).default({}),
    matchExpressions: z.array(requirementSchema).default([]),
  })
  .strict();

/** Structured (`matchLabels`, `matchExpressions`) or the string form (`tier in (web,api),!legacy`). */
const selectorSchema = z
  .union([z.string(), structuredSelectorSchema])
  .transform((value, ctx): LabelSelector => {
    if (typeof value !== 'string') return value;
    try {
      return parseLabelSelector(value);
    } catch (e) {
      if (!(e instanceof LabelSelectorSyntaxError)) throw e;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message });
      return z.NEVER;
    }
  })
  .refine(
    selector =>
      Object.keys(selector.matchLabels).length > 0 ||
      selector.matchExpressions.length > 0,
    'is empty and would select every application; give matchLabels or matchExpressions, or leave the selector out',
  );

const productSpecSchema = z
  .object({
    title: textSchema.optional(),
    description: textSchema.optional(),
    owner: entityRefSchema,
    entities: z.array(entityRefSchema).default([]),
    applications: z
      .object({ selector: selectorSchema.optional() })
      .strict()
      .default({}),
    versionSource: z
      .object({ file: relativeFileSchema, path: valuePathSchema })
      .strict()
      .optional(),
    promotion: z
      .object({
        files: z
          .array(
            z
              .object({
                file: relativeFileSchema,
                paths: z
                  .array(valuePathSchema)
                  .min(1, 'lists no paths to copy'),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({}),
    flows: z.array(z.object({ name: nameSchema }).strict()).default([]),
    concurrency: z.enum(['queue', 'supersede']).default('queue'),
  })
  .strict();

/** `kind: Product`, turned into the `Product` the rest of Slipway uses. */
export const productSchema: z.ZodType<Product, z.ZodTypeDef, unknown> =
  documentSchema('Product', productSpecSchema).transform(
    ({ metadata, spec }) => ({
      name: metadata.name,
      title: spec.title ?? metadata.name,
      ...(spec.description ? { description: spec.description } : {}),
      owner: spec.owner,
      entities: spec.entities,
      applications: spec.applications.selector
        ? { selector: spec.applications.selector }
        : {},
      ...(spec.versionSource ? { versionSource: spec.versionSource } : {}),
      promotion: { files: spec.promotion.files },
      flows: spec.flows.map(flow => flow.name),
      concurrency: spec.concurrency,
    }),
  );
