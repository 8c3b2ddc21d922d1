import type { Environment } from '@slipway/plugin-gitops-common';
import type {
  StoredGate,
  StoredStep,
} from '../../domain/releases/releaseRecord';
import { parseDuration } from '../../domain/releases/duration';
import { freezeStatus, soakStatus } from '../../domain/releases/gates';
import { moved, StepProgress } from './stepProgress';
import { enterPhase } from './stepTransitions';

const GATE_RECHECK_MS = 60_000;

/**
 * The `pre-gates` and `post-gates` phases: a freeze window, a manual approval or a soak holds the
 * step (the release shows `waiting`) until every gate of the phase passed.
 */
export class GatePhase {
  advance(step: StoredStep, environment: Environment, now: Date): StepProgress {
    const phase = step.status === 'pre-gates' ? 'pre' : 'post';
    const held = this.checkGates(step, phase, environment, now);
    if (held.changed || held.holding) {
      return {
        changed: held.changed,
        waiting: held.holding,
        delayMs: held.delayMs,
        commits: [],
      };
    }
    enterPhase(step, phase === 'pre' ? 'committing' : 'succeeded', now);
    return moved();
  }

  private checkGates(
    step: StoredStep,
    phase: 'pre' | 'post',
    environment: Environment,
    now: Date,
  ): { changed: boolean; holding: boolean; delayMs: number } {
    const before = JSON.stringify(step.gates);
    let holding = false;
    let delayMs = GATE_RECHECK_MS;
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
        if (freeze.frozen) {
          hold(gate, freeze.reason, freeze.until);
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
      }
    }
    return { changed: JSON.stringify(step.gates) !== before, holding, delayMs };
  }
}
