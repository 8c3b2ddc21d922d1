import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ReleaseGateType } from './gateTypes';

/**
 * Lets backend modules add gate types that flows can use beside `manual-approval` and `soak`. The
 * delivery config accepts a gate `type` only when a module added it; an unknown type is a config
 * problem of its flow, never a crash.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { gates: gitopsGateTypesExtensionPoint },
 *   async init({ gates }) {
 *     gates.addGateType({
 *       type: 'change-ticket',
 *       validate: s => (typeof s.ticket === 'string' ? [] : ['ticket must name the change ticket']),
 *       async evaluate(release, step, gate) {
 *         const approved = await tickets.isApproved(String(gate.settings.ticket));
 *         return approved
 *           ? { result: 'pass' }
 *           : { result: 'wait', reason: `${gate.settings.ticket} is not approved yet`,
 *               nextCheckAt: new Date(Date.now() + 60_000) };
 *       },
 *     });
 *   },
 * });
 * ```
 */
export interface GitopsGateTypesExtensionPoint {
  /** Throws when a type is built in or was added already. */
  addGateType(...types: ReleaseGateType[]): void;
}

export const gitopsGateTypesExtensionPoint =
  createExtensionPoint<GitopsGateTypesExtensionPoint>({
    id: 'gitops.gate-types',
  });
