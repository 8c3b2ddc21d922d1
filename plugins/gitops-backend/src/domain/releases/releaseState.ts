import { ConflictError } from '@backstage/errors';
import type {
  ReleaseStatus,
  ReleaseStepStatus,
} from '@slipway/plugin-gitops-common';

/*
 * The release state machine of DESIGN.md §3:
 *
 *   release: queued → running ⇄ waiting → succeeded | failed | terminated; failed → running (retry)
 *   step:    pending → pre-gates → committing → syncing → verifying → post-gates → succeeded
 *            any unfinished → failed | terminated | skipped; failed | terminated | skipped → pending (retry)
 *
 * Moving to the same status is not a transition: callers that re-save a status should not ask.
 *
 * Beyond the outline in DESIGN.md, the table keeps what releases do today: a queued release may fail
 * (its product left the config) or be terminated (superseded); a waiting release may finish straight
 * away (a last soak ending); a failed release may be queued again behind another or given up
 * (terminated); steps pass over the gate phases they do not have, and over syncing when the commit
 * changed nothing, but never over committing or verifying; ended steps go back to pending on retry.
 *
 * `transitionRelease` and `transitionStep` are the only code that assigns a release or step status.
 */

const RELEASE_TRANSITIONS: Record<ReleaseStatus, readonly ReleaseStatus[]> = {
  // A queued release may be terminated (superseded, or by hand) or fail before it starts.
  queued: ['running', 'failed', 'terminated'],
  running: ['waiting', 'succeeded', 'failed', 'terminated'],
  // A last post-gate (a soak) ending finishes the release straight from waiting.
  waiting: ['running', 'succeeded', 'failed', 'terminated'],
  succeeded: [],
  // Retry resumes (running), or waits its turn again behind another release (queued);
  // terminating a failed release gives it up so that it no longer asks for a retry.
  failed: ['running', 'queued', 'terminated'],
  terminated: [],
};

export const FINISHED_RELEASE_STATUSES: readonly ReleaseStatus[] = [
  'succeeded',
  'failed',
  'terminated',
];

export function canTransitionRelease(
  from: ReleaseStatus,
  to: ReleaseStatus,
): boolean {
  return RELEASE_TRANSITIONS[from]?.includes(to) ?? false;
}

export function assertReleaseTransition(
  from: ReleaseStatus,
  to: ReleaseStatus,
): void {
  if (!canTransitionRelease(from, to)) {
    throw new ConflictError(
      `A ${from} release cannot become ${to}${
        FINISHED_RELEASE_STATUSES.includes(from) && from !== 'failed'
          ? `: it has already finished`
          : ''
      }`,
    );
  }
}

/** Moves a release to `to`; throws ConflictError when the table does not allow it. */
export function transitionRelease(
  release: { status: ReleaseStatus },
  to: ReleaseStatus,
): void {
  assertReleaseTransition(release.status, to);
  release.status = to;
}

/** The phases a step moves through in order. */
export const STEP_PHASES: readonly ReleaseStepStatus[] = [
  'pending',
  'pre-gates',
  'committing',
  'syncing',
  'verifying',
  'post-gates',
  'succeeded',
];

/** Phases a step may pass over: gates it does not have, and syncing when the commit changed nothing. */
const SKIPPABLE_PHASES: readonly ReleaseStepStatus[] = [
  'pre-gates',
  'syncing',
  'post-gates',
];

/** A step in one of these has started and not finished. */
export const ACTIVE_STEP_STATUSES: readonly ReleaseStepStatus[] = [
  'pre-gates',
  'committing',
  'syncing',
  'verifying',
  'post-gates',
];

const ENDED: readonly ReleaseStepStatus[] = ['failed', 'terminated', 'skipped'];

export function isActiveStep(status: ReleaseStepStatus): boolean {
  return ACTIVE_STEP_STATUSES.includes(status);
}

/**
 * Steps move forward only, passing over gate phases (and syncing) they do not need; a step never
 * reaches `succeeded` without committing and verifying. Unfinished steps may fail, be terminated or
 * be skipped; ended ones go back to `pending` on retry; `succeeded` is final.
 */
export function canTransitionStep(
  from: ReleaseStepStatus,
  to: ReleaseStepStatus,
): boolean {
  if (from === to || from === 'succeeded') {
    return false;
  }
  if (ENDED.includes(from)) {
    return to === 'pending';
  }
  if (ENDED.includes(to)) {
    return true;
  }
  const fromIndex = STEP_PHASES.indexOf(from);
  const toIndex = STEP_PHASES.indexOf(to);
  if (fromIndex < 0 || toIndex <= fromIndex) {
    return false;
  }
  return STEP_PHASES.slice(fromIndex + 1, toIndex).every(phase =>
    SKIPPABLE_PHASES.includes(phase),
  );
}

export function assertStepTransition(
  from: ReleaseStepStatus,
  to: ReleaseStepStatus,
  environment?: string,
): void {
  if (canTransitionStep(from, to)) {
    return;
  }
  const step = environment ? `The ${environment} step` : 'A step';
  let why = '';
  if (from === to) why = `: it is already ${to}`;
  else if (from === 'succeeded') why = ': it has already succeeded';
  else if (ENDED.includes(from)) why = '; only a retry can restart it';
  else if (STEP_PHASES.indexOf(to) < STEP_PHASES.indexOf(from))
    why = ': steps never move backwards';
  else why = ': it would pass over committing or verifying';
  throw new ConflictError(`${step} is ${from} and cannot become ${to}${why}`);
}

/** Moves a step to `to`; throws ConflictError when the table does not allow it. */
export function transitionStep(
  step: { status: ReleaseStepStatus; environment?: string },
  to: ReleaseStepStatus,
): void {
  assertStepTransition(step.status, to, step.environment);
  step.status = to;
}

export interface StepNode {
  environment: string;
  dependsOn: readonly string[];
  status: ReleaseStepStatus;
}

/** Environments of pending steps that transitively depend on a failed, terminated or skipped step. */
function blockedSteps(steps: readonly StepNode[]): Set<string> {
  const byEnvironment = new Map(steps.map(step => [step.environment, step]));
  const blocked = new Set<string>();
  const memo = new Map<string, boolean>();
  const isBlocked = (environment: string, seen: Set<string>): boolean => {
    const cached = memo.get(environment);
    if (cached !== undefined) return cached;
    const step = byEnvironment.get(environment);
    if (!step || seen.has(environment)) return false; // the trigger, or a cycle the schema refuses anyway
    seen.add(environment);
    const result = step.dependsOn.some(dependency => {
      const parent = byEnvironment.get(dependency);
      return (
        parent !== undefined &&
        (ENDED.includes(parent.status) || isBlocked(dependency, seen))
      );
    });
    memo.set(environment, result);
    return result;
  };
  for (const step of steps) {
    if (step.status === 'pending' && isBlocked(step.environment, new Set())) {
      blocked.add(step.environment);
    }
  }
  return blocked;
}

/**
 * The release status its steps imply. `hasWaiting`: something holds the release (an approval, an
 * open pull request, a soak or a freeze) and nothing else is moving.
 *
 * Steps without `environment`/`dependsOn` are judged without the graph: then any failure blocks
 * every pending step. With the graph, independent branches keep going after a failure and the
 * release ends once only blocked steps are left (mark them with `stepsToSkip`).
 */
export function releaseStatusFromSteps(
  steps: ReadonlyArray<{
    status: ReleaseStepStatus;
    environment?: string;
    dependsOn?: readonly string[];
  }>,
  hasWaiting: boolean,
): ReleaseStatus {
  const moving = hasWaiting ? 'waiting' : 'running';
  if (steps.some(step => isActiveStep(step.status))) {
    return moving;
  }
  const anyEnded = steps.some(
    step => step.status === 'failed' || step.status === 'terminated',
  );
  const pending = steps.filter(step => step.status === 'pending');
  if (pending.length > 0) {
    if (!anyEnded) {
      return moving;
    }
    const withGraph = steps.every(
      step => step.environment !== undefined && step.dependsOn !== undefined,
    );
    if (withGraph) {
      const blocked = blockedSteps(steps as StepNode[]);
      if (pending.some(step => !blocked.has(step.environment!))) {
        return moving;
      }
    }
  }
  if (steps.some(step => step.status === 'terminated')) {
    return 'terminated';
  }
  if (steps.some(step => step.status === 'failed')) {
    return 'failed';
  }
  // Every step succeeded (skipped ones only follow a failure, handled above).
  return 'succeeded';
}

/**
 * Pending steps that may start now: every dependency succeeded, the trigger environment counting as
 * succeeded (the version is already there). A fan-in step waits for all of its parents.
 */
export function readySteps(
  steps: ReadonlyArray<StepNode>,
  trigger: string,
): string[] {
  const status = new Map(steps.map(step => [step.environment, step.status]));
  return steps
    .filter(
      step =>
        step.status === 'pending' &&
        step.dependsOn.every(
          dependency =>
            dependency === trigger || status.get(dependency) === 'succeeded',
        ),
    )
    .map(step => step.environment);
}

/**
 * Pending steps that can never run because a step they depend on (directly or further up) failed,
 * was terminated or was skipped. Safe to call at any time; the engine marks them `skipped` when the
 * release ends so the page shows why they did not run.
 */
export function stepsToSkip(steps: ReadonlyArray<StepNode>): string[] {
  const blocked = blockedSteps(steps);
  return steps
    .filter(step => blocked.has(step.environment))
    .map(step => step.environment);
}

/**
 * Steps a retry puts back to `pending`: the failed ones and those skipped or terminated because of
 * them. Succeeded steps stay succeeded, so a retry resumes at the failure and redoes nothing.
 */
export function retryPlan(steps: ReadonlyArray<StepNode>): string[] {
  return steps
    .filter(step => ENDED.includes(step.status))
    .map(step => step.environment);
}

export interface TerminatePlan {
  /** Mark `terminated` now: nothing of theirs is in flight (not started, waiting on a gate, or already committed and only being watched). */
  terminateNow: string[];
  /**
   * Steps `committing`: a Git write may be in flight and cannot be undone halfway, so the engine lets
   * that commit (or pull request) call return, records its SHA, then marks the step `terminated`.
   * Argo CD still syncs whatever landed; a rollback is a new promotion.
   */
  terminateAfterCommit: string[];
}

/** What terminating a release does to each unfinished step; finished steps keep their status. */
export function terminatePlan(steps: ReadonlyArray<StepNode>): TerminatePlan {
  const plan: TerminatePlan = { terminateNow: [], terminateAfterCommit: [] };
  for (const step of steps) {
    if (step.status === 'committing') {
      plan.terminateAfterCommit.push(step.environment);
    } else if (step.status === 'pending' || isActiveStep(step.status)) {
      plan.terminateNow.push(step.environment);
    }
  }
  return plan;
}
