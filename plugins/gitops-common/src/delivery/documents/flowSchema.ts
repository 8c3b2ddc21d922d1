import { Gate, PromotionFlow } from '../flow';
import { z } from 'zod';
import {
  documentSchema,
  entityRefSchema,
  nameSchema,
  textSchema,
} from './documentSchema';
import { DurationSyntaxError, parseDuration } from '../syntax/duration';
import { dependenciesOf, findFlowGraphProblems, orderSteps } from './flowGraph';

/** A gate type a backend module added, as the delivery config checks it. */
export interface GateTypeCheck {
  type: string;
  /** The backend brings it (e.g. `http-check`), so problems name it beside manual-approval and soak. */
  builtIn?: boolean;
  /** Problems with a gate's settings (its fields besides `type`); none when it is fine. */
  validate?(settings: Record<string, unknown>): string[];
}

const builtInGateSchema = (typeMessage: string) =>
  z.discriminatedUnion(
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
          ? { message: typeMessage }
          : { message: ctx.defaultError },
    },
  );

/**
 * A gate: a built-in one, or one of the types modules added, with the fields the flow wrote kept as
 * its settings. Any other type is a problem of the flow.
 */
function gateSchemaFor(
  gateTypes: readonly GateTypeCheck[],
): z.ZodType<Gate, z.ZodTypeDef, unknown> {
  if (gateTypes.length === 0) {
    return builtInGateSchema('type must be manual-approval or soak');
  }
  const builtInNames = [
    'manual-approval',
    'soak',
    ...gateTypes.filter(t => t.builtIn).map(t => t.type),
  ];
  const added = gateTypes.filter(t => !t.builtIn).map(t => t.type);
  const builtIn = builtInGateSchema(
    added.length > 0
      ? `type must be ${builtInNames.join(
          ', ',
        )} or a gate type a module added (${added.join(', ')})`
      : `type must be ${builtInNames.slice(0, -1).join(', ')} or ${
          builtInNames[builtInNames.length - 1]
        }`,
  );
  const byType = new Map(gateTypes.map(t => [t.type, t]));
  return z
    .object({ type: z.string() })
    .passthrough()
    .transform((gate, ctx): Gate => {
      const gateType = byType.get(gate.type);
      if (!gateType) {
        const parsed = builtIn.safeParse(gate);
        if (parsed.success) return parsed.data;
        parsed.error.issues.forEach(issue => ctx.addIssue(issue));
        return z.NEVER;
      }
      const { type, ...settings } = gate;
      let problems: string[];
      try {
        problems = gateType.validate?.(settings) ?? [];
      } catch (error) {
        problems = [`could not be checked: ${(error as Error).message}`];
      }
      for (const message of problems) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      }
      return { type, settings };
    });
}

const stepSchemaFor = (gateSchema: z.ZodType<Gate, z.ZodTypeDef, unknown>) =>
  z
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

/**
 * `kind: PromotionFlow`; the steps must form a graph (see `findFlowGraphProblems`). Gates may use
 * the built-in types and those in `gateTypes`.
 */
export function createFlowSchema(
  gateTypes: readonly GateTypeCheck[],
): z.ZodType<PromotionFlow, z.ZodTypeDef, unknown> {
  const stepSchema = stepSchemaFor(gateSchemaFor(gateTypes));
  return documentSchema(
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
}

/** `kind: PromotionFlow` with the built-in gate types only. */
export const flowSchema = createFlowSchema([]);
