import { Environment } from '../environment';
import { z } from 'zod';
import { documentSchema, nameSchema, textSchema } from './documentSchema';

const targetSchema = z
  .object({
    runtime: nameSchema,
    cluster: textSchema,
    namespaces: z.array(textSchema).default([]),
  })
  .strict();

const freezeWindowSchema = z
  .object({
    start: z.string().datetime({
      offset: true,
      message: 'must be an RFC 3339 time, e.g. 2026-12-24T00:00:00Z',
    }),
    end: z.string().datetime({
      offset: true,
      message: 'must be an RFC 3339 time, e.g. 2026-12-27T00:00:00Z',
    }),
    reason: textSchema.optional(),
  })
  .strict()
  .refine(window => Date.parse(window.end) > Date.parse(window.start), {
    message: 'end must be after start',
    path: ['end'],
  });

/** `kind: Environment`, turned into the `Environment` the rest of Slipway uses. */
export const environmentSchema: z.ZodType<Environment, z.ZodTypeDef, unknown> =
  documentSchema(
    'Environment',
    z
      .object({
        title: textSchema.optional(),
        description: textSchema.optional(),
        tier: z.enum(['production', 'non-production']),
        order: z.number().int('must be a whole number'),
        targets: z
          .array(targetSchema)
          .min(
            1,
            'needs at least one target, or no application can belong to it',
          ),
        freezeWindows: z.array(freezeWindowSchema).default([]),
      })
      .strict(),
  ).transform(({ metadata, spec }) => ({
    name: metadata.name,
    title: spec.title ?? metadata.name,
    ...(spec.description ? { description: spec.description } : {}),
    tier: spec.tier,
    order: spec.order,
    targets: spec.targets,
    freezeWindows: spec.freezeWindows,
  }));
