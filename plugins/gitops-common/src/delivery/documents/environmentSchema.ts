import { Environment, FreezeWindow } from '../environment';
import { z } from 'zod';
import { documentSchema, nameSchema, textSchema } from './documentSchema';
import { DurationSyntaxError, parseDuration } from '../syntax/duration';
import { cronScheduleProblem, isKnownTimeZone } from '../syntax/schedule';

const targetSchema = z
  .object({
    runtime: nameSchema,
    cluster: textSchema,
    namespaces: z.array(textSchema).default([]),
  })
  .strict();

const fixedFreezeWindowSchema = z
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

const recurringFreezeWindowSchema = z
  .object({
    schedule: z.string().superRefine((text, ctx) => {
      const problem = cronScheduleProblem(text);
      if (problem)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
    duration: z.string().superRefine((text, ctx) => {
      try {
        parseDuration(text);
      } catch (e) {
        if (!(e instanceof DurationSyntaxError)) throw e;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message });
      }
    }),
    timeZone: z.string().refine(isKnownTimeZone, zone => ({
      message: `"${zone}" is not a known IANA time zone; write e.g. Europe/Berlin, America/New_York or UTC`,
    })),
    reason: textSchema.optional(),
  })
  .strict();

/**
 * A fixed window (`start`, `end`) or a recurring one (`schedule`, `duration`, `timeZone`): which of
 * the two a window means to be is told by `schedule`, so its problems name the fields it has.
 */
const freezeWindowSchema = z.unknown().transform((value, ctx): FreezeWindow => {
  const recurring =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'schedule' in value;
  const parsed = (
    recurring ? recurringFreezeWindowSchema : fixedFreezeWindowSchema
  ).safeParse(value);
  if (parsed.success) return parsed.data;
  parsed.error.issues.forEach(issue => ctx.addIssue(issue));
  return z.NEVER;
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
