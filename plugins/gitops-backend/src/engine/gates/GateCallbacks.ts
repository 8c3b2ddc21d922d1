import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import type {
  AuditRecorder,
  NewAuditEvent,
} from '../../database/audit/AuditRecorder';
import type { ReleaseStore } from '../../database/releases/ReleaseStoreContract';
import {
  findCallbackGate,
  readCallbackBody,
  readCallbackSettings,
  verifyCallback,
} from '../../domain/releases/callback';
import type { ReleaseRecord } from '../../domain/releases/releaseRecord';
import type { ReleaseActions } from '../ReleaseActions';
import type { GateSecrets } from './gateSecrets';

/** A call to `POST /releases/{id}/gates/{gate}/callback` as it arrived. */
export interface GateCallbackCall {
  rawBody: Buffer;
  body: unknown;
  signature?: string;
  timestamp?: string;
}

/** Who a refused call is recorded as: nothing vouches for what it says about itself. */
const UNVERIFIED_CALLER = 'unverified-caller';

/**
 * Outside systems (a change approval in Jira or ServiceNow) decide callback gates. A call must be
 * signed with the gate's secret and recent; every refused call is on the audit record, and changes
 * nothing.
 */
export class GateCallbacks {
  constructor(
    private readonly options: {
      store: ReleaseStore;
      actions: ReleaseActions;
      audit: AuditRecorder;
      secrets: GateSecrets;
      now?: () => Date;
    },
  ) {}

  async receive(
    id: string,
    gateName: string,
    call: GateCallbackCall,
  ): Promise<ReleaseRecord> {
    const { store, actions, secrets } = this.options;
    const now = this.options.now?.() ?? new Date();
    const record = await store.get(id);
    const event: NewAuditEvent = {
      actor: UNVERIFIED_CALLER,
      action: 'release.gate-callback',
      target: `release:${id}`,
      releaseId: id,
      outcome: 'denied',
      source: 'api',
      ...(record ? { product: record.product } : {}),
      details: { gate: gateName },
    };
    const refuse = async (
      error: Error,
      outcome: NewAuditEvent['outcome'] = 'denied',
    ): Promise<never> => {
      await this.options.audit.record({
        ...event,
        outcome,
        details: { ...event.details, error: error.message },
      });
      throw error;
    };
    if (!record) {
      return refuse(new NotFoundError(`No release '${id}'`), 'failed');
    }
    const found = findCallbackGate(record.steps, gateName);
    if (!found) {
      return refuse(
        new NotFoundError(`Release ${id} has no callback gate '${gateName}'`),
        'failed',
      );
    }
    event.environment = found.step.environment;
    const { settings, problems } = readCallbackSettings(
      found.gate.settings ?? {},
      [...secrets.keys()],
    );
    if (!settings) {
      return refuse(
        new AuthenticationError(
          `The ${gateName} gate cannot verify calls: ${problems.join('; ')}`,
        ),
      );
    }
    const verdict = verifyCallback({
      secret: secrets.get(settings.secret)!,
      rawBody: call.rawBody,
      signature: call.signature,
      timestamp: call.timestamp,
      now,
    });
    if (!verdict.ok) {
      return refuse(new AuthenticationError(verdict.reason));
    }
    const { outcome, problem } = readCallbackBody(call.body);
    if (!outcome) {
      return refuse(new InputError(problem), 'failed');
    }
    try {
      return await actions.decideCallback(id, gateName, {
        ...outcome,
        at: now.toISOString(),
      });
    } catch (error) {
      return refuse(error as Error, 'failed');
    }
  }
}
