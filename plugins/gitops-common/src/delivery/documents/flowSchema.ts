import { PromotionFlow } from '../flow';
import { z } from 'zod';
import {
  documentSchema,
  entityRefSchema,
  nameSchema,
  textSchema,
} from './documentSchema';
import { DurationSyntaxError, parseDuration } from '../syntax/duration';
import { dependenciesOf, findFlowGraphProblems, orderSteps } from './flowGraph';

const gateSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        type: z.literal('manual-approval'),
        approvers: z
          .array(entityRefSchema)
          .min(1, 'names nobody who may approve'),
      })
      .strict(),
    z
      .object({
        type: z.literal('soak'),
        duration: z.string().superRefine((text, ctx) => {
          try {
            parseDuration(text);
          } catch (e) {
            if (!(e instanceof DurationSyntaxError)) throw e;
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message });
          }
        }),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator
        ? { message: 'type must be manual-approval or soak' }
        : { message: ctx.defaultError },
  },
);

const stepSchema = z
  .object({
    environment: nameSchema,
    dependsOn: z.array(nameSchema).optional(),
    action: z.enum(['commit', 'pull-request']).default('commit'),
    gates: z
      .object({
        pre: z.array(gateSchema).default([]),
        post: z.array(gateSchema).default([]),
      })
      .strict()
      .default({}),
  })
  .strict();

/** `kind: PromotionFlow`; the steps must form a graph (see `findFlowGraphProblems`). */
export const flowSchema: z.ZodType<PromotionFlow, z.ZodTypeDef, unknown> =
  documentSchema(
    'PromotionFlow',
    z
      .object({
        title: textSchema.optional(),
        description: textSchema.optional(),
        trigger: z
          .object({
            environment: nameSchema,
            mode: z.enum(['manual', 'automatic']).default('manual'),
          })
          .strict(),
        steps: z
          .array(stepSchema)
          .min(1, 'has no steps, so the flow promotes nowhere'),
      })
      .strict()
      .superRefine((spec, ctx) => {
        for (const problem of findFlowGraphProblems(
          spec.trigger.environment,
          spec.steps,
        )) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, ...problem });
        }
      }),
  ).transform(({ metadata, spec }) => ({
    name: metadata.name,
    title: spec.title ?? metadata.name,
    ...(spec.description ? { description: spec.description } : {}),
    trigger: spec.trigger,
    steps: orderSteps(spec.steps, spec.trigger.environment).map(step => ({
      environment: step.environment,
      dependsOn: dependenciesOf(step, spec.trigger.environment),
      action: step.action,
      gates: step.gates,
    })),
  }));
