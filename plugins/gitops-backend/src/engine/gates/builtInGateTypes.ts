import type { GateTypeCheck } from '@slipway/plugin-gitops-common';
import type { ReleaseGateType } from '@slipway/plugin-gitops-node';
import { readCallbackSettings } from '../../domain/releases/callback';
import type { GateSecrets } from './gateSecrets';
import { createHttpCheckGateType } from './httpCheckGateType';

/**
 * The gate types the backend brings beside approval, soak and freeze: what the engine evaluates, and
 * what the delivery config checks flows against (a callback gate is decided by calls, not evaluated).
 */
export function builtInGateTypes(secrets: GateSecrets): {
  evaluated: ReleaseGateType[];
  checks: GateTypeCheck[];
} {
  const secretNames = [...secrets.keys()];
  const httpCheck = createHttpCheckGateType({ secrets });
  return {
    evaluated: [httpCheck],
    checks: [
      { type: httpCheck.type, builtIn: true, validate: httpCheck.validate },
      {
        type: 'callback',
        builtIn: true,
        validate: settings =>
          readCallbackSettings(settings, secretNames).problems,
      },
    ],
  };
}
