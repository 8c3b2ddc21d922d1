import { ConflictError } from '@backstage/errors';
import type {
  ReleaseStatus,
  ReleaseStepStatus,
} from '@slipway/plugin-gitops-common';
import {
  assertReleaseTransition,
  assertStepTransition,
  canTransitionRelease,
  canTransitionStep,
  readySteps,
  releaseStatusFromSteps,
  retryPlan,
  StepNode,
  stepsToSkip,
  terminatePlan,
  transitionRelease,
  transitionStep,
} from './releaseState';

/** trigger: staging → (eu, us) → production (fan-in), and a separate branch staging → dr. */
function flow(statuses: Record<string, ReleaseStepStatus>): StepNode[] {
  const dependsOn: Record<string, string[]> = {
    eu: ['staging'],
    us: ['staging'],
    production: ['eu', 'us'],
    dr: ['staging'],
  };
  return Object.entries(dependsOn).map(([environment, deps]) => ({
    environment,
    dependsOn: deps,
    status: statuses[environment] ?? 'pending',
  }));
}

describe('release transitions', () => {
  it('follows queued → running ⇄ waiting → finished, and retries a failed release', () => {
    expect(canTransitionRelease('queued', 'running')).toBe(true);
    expect(canTransitionRelease('running', 'waiting')).toBe(true);
    expect(canTransitionRelease('waiting', 'running')).toBe(true);
    expect(canTransitionRelease('running', 'succeeded')).toBe(true);
    expect(canTransitionRelease('failed', 'running')).toBe(true);
    expect(canTransitionRelease('queued', 'terminated')).toBe(true);
  });

  it('never reopens a succeeded or terminated release', () => {
    expect(canTransitionRelease('succeeded', 'running')).toBe(false);
    expect(canTransitionRelease('terminated', 'running')).toBe(false);
    expect(canTransitionRelease('queued', 'succeeded')).toBe(false);
    expect(() => assertReleaseTransition('terminated', 'running')).toThrow(
      new ConflictError(
        'A terminated release cannot become running: it has already finished',
      ),
    );
  });
});

describe('step transitions', () => {
  it('moves forward through the phases, passing over gates it does not have', () => {
    const path: ReleaseStepStatus[] = [
      'pending',
      'pre-gates',
      'committing',
      'syncing',
      'verifying',
      'post-gates',
      'succeeded',
    ];
    for (let i = 1; i < path.length; i++) {
      expect(canTransitionStep(path[i - 1], path[i])).toBe(true);
    }
    expect(canTransitionStep('pending', 'committing')).toBe(true);
    expect(canTransitionStep('committing', 'verifying')).toBe(true);
    expect(canTransitionStep('verifying', 'succeeded')).toBe(true);
  });

  it('never succeeds without committing and verifying, and never moves backwards', () => {
    expect(canTransitionStep('pending', 'succeeded')).toBe(false);
    expect(canTransitionStep('committing', 'succeeded')).toBe(false);
    expect(canTransitionStep('pre-gates', 'syncing')).toBe(false);
    expect(canTransitionStep('verifying', 'committing')).toBe(false);
    expect(() =>
      assertStepTransition('verifying', 'committing', 'production'),
    ).toThrow(
      new ConflictError(
        'The production step is verifying and cannot become committing: steps never move backwards',
      ),
    );
    expect(() => assertStepTransition('pending', 'succeeded')).toThrow(
      /A step is pending and cannot become succeeded: it would pass over committing or verifying/,
    );
  });

  it('lets any unfinished step end, and only a retry restart an ended one', () => {
    for (const from of [
      'pending',
      'pre-gates',
      'committing',
      'verifying',
    ] as const) {
      for (const to of ['failed', 'terminated', 'skipped'] as const) {
        expect(canTransitionStep(from, to)).toBe(true);
      }
    }
    expect(canTransitionStep('failed', 'pending')).toBe(true);
    expect(canTransitionStep('failed', 'committing')).toBe(false);
    expect(canTransitionStep('succeeded', 'failed')).toBe(false);
    expect(() =>
      assertStepTransition('succeeded', 'pending', 'staging'),
    ).toThrow(ConflictError);
    expect(() => assertStepTransition('failed', 'verifying')).toThrow(
      /only a retry can restart it/,
    );
    expect(() => assertStepTransition('syncing', 'syncing')).toThrow(
      /it is already syncing/,
    );
  });
});

describe('flow DAG', () => {
  it('starts every step that depends only on the trigger environment', () => {
    expect(readySteps(flow({}), 'staging')).toEqual(['eu', 'us', 'dr']);
  });

  it('holds a fan-in step until both parents succeeded', () => {
    expect(
      readySteps(
        flow({ eu: 'succeeded', us: 'verifying', dr: 'succeeded' }),
        'staging',
      ),
    ).toEqual([]);
    expect(
      readySteps(
        flow({ eu: 'succeeded', us: 'failed', dr: 'succeeded' }),
        'staging',
      ),
    ).toEqual([]);
    expect(
      readySteps(
        flow({ eu: 'succeeded', us: 'succeeded', dr: 'committing' }),
        'staging',
      ),
    ).toEqual(['production']);
  });

  it('skips what lies downstream of a failure, and nothing else', () => {
    expect(
      stepsToSkip(flow({ eu: 'failed', us: 'succeeded', dr: 'succeeded' })),
    ).toEqual(['production']);
    expect(
      stepsToSkip(flow({ eu: 'succeeded', us: 'succeeded', dr: 'failed' })),
    ).toEqual([]);
    const chain: StepNode[] = [
      { environment: 'qa', dependsOn: ['dev'], status: 'terminated' },
      { environment: 'staging', dependsOn: ['qa'], status: 'pending' },
      { environment: 'production', dependsOn: ['staging'], status: 'pending' },
    ];
    expect(stepsToSkip(chain)).toEqual(['staging', 'production']);
  });

  it('retries the failed step and what was skipped after it, keeping succeeded steps', () => {
    const steps = flow({
      eu: 'succeeded',
      us: 'failed',
      production: 'skipped',
      dr: 'succeeded',
    });
    expect(retryPlan(steps)).toEqual(['us', 'production']);
    const retried = steps.map(step =>
      retryPlan(steps).includes(step.environment)
        ? { ...step, status: 'pending' as const }
        : step,
    );
    expect(readySteps(retried, 'staging')).toEqual(['us']);
  });

  it('terminates what has not started and lets a commit in flight land first', () => {
    expect(
      terminatePlan(
        flow({ eu: 'committing', us: 'post-gates', dr: 'succeeded' }),
      ),
    ).toEqual({
      terminateNow: ['us', 'production'],
      terminateAfterCommit: ['eu'],
    });
    expect(
      terminatePlan(
        flow({
          eu: 'succeeded',
          us: 'failed',
          production: 'skipped',
          dr: 'succeeded',
        }),
      ),
    ).toEqual({
      terminateNow: [],
      terminateAfterCommit: [],
    });
  });
});

describe('releaseStatusFromSteps', () => {
  it('is running while steps move, waiting when something holds it, succeeded when all are done', () => {
    expect(releaseStatusFromSteps(flow({ eu: 'verifying' }), false)).toBe(
      'running',
    );
    expect(releaseStatusFromSteps(flow({ eu: 'pre-gates' }), true)).toBe(
      'waiting',
    );
    expect(releaseStatusFromSteps(flow({}), false)).toBe('running');
    expect(
      releaseStatusFromSteps(
        flow({
          eu: 'succeeded',
          us: 'succeeded',
          production: 'succeeded',
          dr: 'succeeded',
        }),
        false,
      ),
    ).toBe('succeeded');
  });

  it('keeps independent branches going after a failure, then fails', () => {
    expect(
      releaseStatusFromSteps(flow({ eu: 'failed', us: 'succeeded' }), false),
    ).toBe('running');
    expect(
      releaseStatusFromSteps(
        flow({ eu: 'failed', us: 'succeeded', dr: 'succeeded' }),
        false,
      ),
    ).toBe('failed');
    expect(
      releaseStatusFromSteps(
        flow({
          eu: 'failed',
          us: 'succeeded',
          production: 'skipped',
          dr: 'succeeded',
        }),
        false,
      ),
    ).toBe('failed');
    // Without the graph, a failure blocks every pending step.
    expect(
      releaseStatusFromSteps(
        [{ status: 'failed' }, { status: 'pending' }],
        false,
      ),
    ).toBe('failed');
  });

  it('reports a terminated release as terminated', () => {
    expect(
      releaseStatusFromSteps(
        flow({
          eu: 'succeeded',
          us: 'terminated',
          production: 'terminated',
          dr: 'terminated',
        }),
        false,
      ),
    ).toBe('terminated');
  });
});

describe('transition functions', () => {
  it('move a release and a step along the table', () => {
    const release: { status: ReleaseStatus } = { status: 'queued' };
    transitionRelease(release, 'running');
    transitionRelease(release, 'waiting');
    transitionRelease(release, 'succeeded');
    expect(release.status).toBe('succeeded');

    const step = {
      environment: 'prod',
      status: 'pending' as ReleaseStepStatus,
    };
    transitionStep(step, 'committing');
    transitionStep(step, 'syncing');
    transitionStep(step, 'verifying');
    transitionStep(step, 'succeeded');
    expect(step.status).toBe('succeeded');
  });

  it('throw on an illegal transition and leave the status as it was', () => {
    const release: { status: ReleaseStatus } = { status: 'succeeded' };
    expect(() => transitionRelease(release, 'running')).toThrow(
      new ConflictError(
        'A succeeded release cannot become running: it has already finished',
      ),
    );
    expect(release.status).toBe('succeeded');

    const step = {
      environment: 'prod',
      status: 'syncing' as ReleaseStepStatus,
    };
    expect(() => transitionStep(step, 'succeeded')).toThrow(
      'The prod step is syncing and cannot become succeeded: it would pass over committing or verifying',
    );
    expect(() => transitionStep(step, 'committing')).toThrow(
      /steps never move backwards/,
    );
    expect(step.status).toBe('syncing');
  });
});
