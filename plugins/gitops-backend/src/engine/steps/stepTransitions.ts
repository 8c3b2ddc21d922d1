import type { StoredStep } from '../../domain/releases/releaseRecord';
import { transitionStep } from '../../domain/releases/releaseState';

/**
 * Enters a phase through the state machine and notes when it began (verification timeout, soak).
 * Entering post-gates without post-gates finishes the step: a verified step is then done.
 */
export function enterPhase(
  step: StoredStep,
  phase: StoredStep['status'],
  now: Date,
): void {
  const status =
    phase === 'post-gates' && !step.gates.some(g => g.phase === 'post')
      ? 'succeeded'
      : phase;
  transitionStep(step, status);
  step.phaseStartedAt = now.toISOString();
  if (status === 'succeeded') step.finishedAt = now.toISOString();
}

export function failStep(step: StoredStep, error: string, now: Date): void {
  transitionStep(step, 'failed');
  step.error = error;
  step.finishedAt = now.toISOString();
}

export function terminateStep(step: StoredStep, now: Date, error?: string) {
  transitionStep(step, 'terminated');
  step.finishedAt = now.toISOString();
  if (error) step.error = error;
}
