import type { Environment } from '@slipway/plugin-gitops-common';
import type {
  GateEvaluation,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';
import {
  ReleaseRecord,
  StoredGate,
  StoredStep,
  toRelease,
} from '../../domain/releases/releaseRecord';
import { parseDuration } from '@slipway/plugin-gitops-common';
import { freezeStatus, soakStatus } from '../../domain/releases/gates';
import { withTimeLimit } from '../timeLimit';
import { errorMessage, moved, StepProgress } from './stepProgress';
import { enterPhase, failStep } from './stepTransitions';

const GATE_RECHECK_MS = 60_000;
/** A gate type asking to be checked again sooner is asked after this long. */
const MIN_CUSTOM_RECHECK_MS = 1_000;

/**
 * The `pre-gates` and `post-gates` phases: a freeze window, a manual approval, a soak or a gate type
 * a module added holds the step (the release shows `waiting`) until every gate of the phase passed;
 * a gate type that answers `fail` fails the step.
 */
export class GatePhase {
  private readonly gateTypes: ReadonlyMap<string, ReleaseGateType>;

  constructor(
    private readonly options: {
      gateTypes: readonly ReleaseGateType[];
      timeoutMs: number;
    },
  ) {
    this.gateTypes = new Map(options.gateTypes.map(t => [t.type, t]));
  }

  async advance(
    record: ReleaseRecord,
    step: StoredStep,
    environment: Environment,
    now: Date,
  ): Promise<StepProgress> {
    const phase = step.status === 'pre-gates' ? 'pre' : 'post';
    const held = await this.checkGates(record, step, phase, environment, now);
    if (held.failed) {
      failStep(step, held.failed, now);
      return moved();
    }
    // Gates that passed in this very look (a soak done, a decision stored) move the step on now,
    // rather than after the next recheck.
    if (held.holding) {
      return {
        changed: held.changed,
        waiting: true,
        delayMs: held.delayMs,
        commits: [],
      };
    }
    enterPhase(step, phase === 'pre' ? 'committing' : 'succeeded', now);
    return moved();
  }

  private async checkGates(
    record: ReleaseRecord,
    step: StoredStep,
    phase: 'pre' | 'post',
    environment: Environment,
    now: Date,
  ): Promise<{
    changed: boolean;
    holding: boolean;
    delayMs: number;
    failed?: string;
  }> {
    const before = JSON.stringify(step.gates);
    let holding = false;
    let delayMs = GATE_RECHECK_MS;
    let failed: string | undefined;
    const hold = (gate: StoredGate, reason: string, until?: string) => {
      holding = true;
      gate.status = 'waiting';
      gate.reason = reason;
      gate.startedAt ??= now.toISOString();
      if (until) {
        gate.until = until;
        delayMs = Math.min(
          delayMs,
          Math.max(Date.parse(until) - now.getTime(), 0) + 50,
        );
      } else {
        delete gate.until;
      }
    };
    for (const gate of step.gates.filter(g => g.phase === phase)) {
      if (gate.status === 'passed') continue;
      if (gate.type === 'freeze-window') {
        const freeze = freezeStatus(environment, now);
        const override = gate.override;
        if (freeze.frozen && override?.approvedBy) {
          // An emergency override a second person approved lets this release through (it stays on the gate).
          gate.status = 'passed';
          delete gate.reason;
          delete gate.until;
        } else if (freeze.frozen) {
          hold(
            gate,
            override
              ? `${freeze.reason}; ${override.requestedBy} asked for an emergency override, which needs a second person's approval`
              : freeze.reason,
            freeze.until,
          );
        } else {
          gate.status = 'passed';
          delete gate.reason;
          delete gate.until;
        }
      } else if (gate.type === 'manual-approval') {
        hold(
          gate,
          `Needs approval from ${
            (gate.approvers ?? []).join(', ') || 'an approver'
          }`,
        );
      } else if (gate.type === 'soak') {
        gate.startedAt ??= now.toISOString();
        const soak = soakStatus(
          new Date(gate.startedAt),
          parseDuration(gate.duration ?? '0s'),
          now,
        );
        if (soak.done) {
          gate.status = 'passed';
          gate.until = soak.until;
          delete gate.reason;
        } else {
          hold(
            gate,
            `Soaking for ${gate.duration} after verification`,
            soak.until,
          );
        }
      } else if (gate.type === 'callback') {
        // The outcome an outside system sent (see GateCallbacks) is stored on the gate.
        const decided = gate.callback;
        if (decided?.outcome === 'approved') {
          gate.status = 'passed';
          delete gate.reason;
        } else if (decided?.outcome === 'rejected') {
          gate.status = 'failed';
          gate.reason = `Rejected by ${decided.by}${
            decided.reason ? `: ${decided.reason}` : ''
          }`;
          failed ??= `callback gate ${gate.name}: ${gate.reason}`;
        } else {
          hold(gate, `Waiting for a signed callback to the ${gate.name} gate`);
        }
      } else {
        const answer = await this.evaluate(record, step, gate);
        if (answer.result === 'pass') {
          gate.status = 'passed';
          delete gate.reason;
        } else if (answer.result === 'wait') {
          holding = true;
          gate.status = 'waiting';
          gate.reason = answer.reason;
          gate.startedAt ??= now.toISOString();
          delayMs = Math.min(
            delayMs,
            Math.max(
              answer.nextCheckAt.getTime() - now.getTime(),
              MIN_CUSTOM_RECHECK_MS,
            ),
          );
        } else {
          gate.status = 'failed';
          gate.reason = answer.reason;
          failed ??= `${gate.type} gate: ${answer.reason}`;
        }
      }
    }
    return {
      changed: JSON.stringify(step.gates) !== before,
      holding,
      delayMs,
      ...(failed ? { failed } : {}),
    };
  }

  /** Asks the module's gate type; an error or no answer in time holds the step and asks again later. */
  private async evaluate(
    record: ReleaseRecord,
    step: StoredStep,
    gate: StoredGate,
  ): Promise<GateEvaluation> {
    const gateType = this.gateTypes.get(gate.type);
    if (!gateType) {
      return {
        result: 'fail',
        reason: `no installed module provides the '${gate.type}' gate type`,
      };
    }
    const release = toRelease(record);
    const publicStep = release.steps[record.steps.indexOf(step)];
    try {
      const answer = await withTimeLimit(
        () =>
          gateType.evaluate(release, publicStep, {
            type: gate.type,
            phase: gate.phase,
            settings: gate.settings ?? {},
            ...(gate.startedAt ? { startedAt: gate.startedAt } : {}),
          }),
        this.options.timeoutMs,
        `The ${gate.type} gate`,
      );
      if (
        answer?.result === 'pass' ||
        answer?.result === 'fail' ||
        (answer?.result === 'wait' && answer.nextCheckAt instanceof Date)
      ) {
        return answer;
      }
      throw new Error(
        `answered ${JSON.stringify(
          answer,
        )}; expected pass, wait (with a nextCheckAt date) or fail`,
      );
    } catch (error) {
      return {
        result: 'wait',
        reason: `The ${gate.type} gate could not be checked: ${errorMessage(
          error,
        )}`,
        nextCheckAt: new Date(Date.now() + GATE_RECHECK_MS),
      };
    }
  }
}
