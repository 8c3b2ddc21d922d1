/**
 * A rule's parameter schema in the Standard Schema + Standard JSON Schema shape the permission
 * framework asks for. Written out by hand: this package's zod (v3) does not produce that shape, and
 * the parameters are two small objects whose JSON Schema is shown in the permission metadata anyway.
 */
export function ruleParams<T>(
  jsonSchema: Record<string, unknown>,
  problem: (value: unknown) => string | undefined,
) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'slipway',
      validate(value: unknown) {
        const message = problem(value);
        return message ? { issues: [{ message }] } : { value: value as T };
      },
      jsonSchema: {
        input: () => jsonSchema,
        output: () => jsonSchema,
      },
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type ClaimsParams = { claims: string[] };

export const claimsParams = ruleParams<ClaimsParams>(
  {
    type: 'object',
    properties: {
      claims: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Entity refs to match the owner against, such as the user and the groups they belong to',
      },
    },
    required: ['claims'],
    additionalProperties: false,
  },
  value =>
    isObject(value) &&
    Array.isArray(value.claims) &&
    value.claims.every(c => typeof c === 'string')
      ? undefined
      : 'claims must be an array of entity refs',
);

const TIERS = ['production', 'non-production'] as const;

export type TierParams = { tier: (typeof TIERS)[number] };

export const tierParams = ruleParams<TierParams>(
  {
    type: 'object',
    properties: {
      tier: {
        type: 'string',
        enum: [...TIERS],
        description: 'The tier of the target environment',
      },
    },
    required: ['tier'],
    additionalProperties: false,
  },
  value =>
    isObject(value) && TIERS.includes(value.tier as (typeof TIERS)[number])
      ? undefined
      : `tier must be one of ${TIERS.join(', ')}`,
);
