import type {
  GateEvaluation,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';

/** The change-ticket system a gate asks: which tickets are approved or rejected. */
export interface ChangeTicketSystem {
  statusOf(ticket: string): Promise<'open' | 'approved' | 'rejected'>;
}

/** Asked again this often while a ticket is open. */
const RECHECK_MS = 1_000;

/**
 * A gate type `change-ticket`: the step waits until the ticket its flow names is approved, and
 * fails when it is rejected.
 *
 * ```yaml
 * gates:
 *   pre:
 *     - type: change-ticket
 *       ticket: CHG-1234
 * ```
 */
export function changeTicketGate(tickets: ChangeTicketSystem): ReleaseGateType {
  return {
    type: 'change-ticket',
    validate(settings) {
      const { ticket, ...rest } = settings;
      return [
        ...(typeof ticket === 'string' && /^[A-Z]+-\d+$/.test(ticket)
          ? []
          : ['ticket must name the change ticket, e.g. CHG-1234']),
        ...Object.keys(rest).map(key => `${key} is not a change-ticket field`),
      ];
    },
    async evaluate(_release, _step, gate): Promise<GateEvaluation> {
      const ticket = String(gate.settings.ticket);
      const status = await tickets.statusOf(ticket);
      if (status === 'approved') return { result: 'pass' };
      if (status === 'rejected') {
        return { result: 'fail', reason: `${ticket} was rejected` };
      }
      return {
        result: 'wait',
        reason: `${ticket} is not approved yet`,
        nextCheckAt: new Date(Date.now() + RECHECK_MS),
      };
    },
  };
}
