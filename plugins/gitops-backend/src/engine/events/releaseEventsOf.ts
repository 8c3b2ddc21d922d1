import type { ReleaseStepStatus } from '@slipway/plugin-gitops-common';
import type { ReleaseEvent } from '@slipway/plugin-gitops-node';
import type { ReleaseRecord } from '../../domain/releases/releaseRecord';
import { toRelease } from '../../domain/releases/releaseRecord';
import {
  freezeOverrideStage,
  ReleaseStatuses,
  waitingGateKeys,
} from '../transitionEvents';

/** Step statuses from which a step has not committed yet. */
const BEFORE_COMMIT: readonly ReleaseStepStatus[] = [
  'pending',
  'pre-gates',
  'committing',
];
/** Step statuses in which a step has committed but is not verified yet. */
const BEFORE_VERIFIED: readonly ReleaseStepStatus[] = [
  ...BEFORE_COMMIT,
  'syncing',
  'verifying',
];
const COMMITTED: readonly ReleaseStepStatus[] = [
  'syncing',
  'verifying',
  'post-gates',
  'succeeded',
];
const VERIFIED: readonly ReleaseStepStatus[] = ['post-gates', 'succeeded'];
/** How a step ends; `skipped` is not an end it reached. */
const FINISHED = ['succeeded', 'failed', 'terminated'] as const;
type Finished = (typeof FINISHED)[number];
const isFinished = (status: ReleaseStepStatus): status is Finished =>
  (FINISHED as readonly string[]).includes(status);

export function releaseCreatedEvent(
  record: ReleaseRecord,
  occurredAt: Date,
): ReleaseEvent {
  return {
    type: 'release.created',
    occurredAt: occurredAt.toISOString(),
    release: toRelease(record),
  };
}

/**
 * The events of one stored write of a release, in the order a reader would tell them: per step (in
 * flow order) the end of a freeze that held it, its commit, its verification, an approval it began
 * to wait for; then how the release ended. `before` is the release as it was read.
 */
export function releaseEventsOf(
  before: ReleaseStatuses,
  after: ReleaseRecord,
  occurredAt: Date,
): ReleaseEvent[] {
  const release = toRelease(after);
  const base = { occurredAt: occurredAt.toISOString(), release };
  const events: ReleaseEvent[] = [];
  after.steps.forEach((step, index) => {
    const publicStep = release.steps[index];
    const was = before.steps[step.environment] ?? 'pending';
    const wasWaiting = new Set(before.waitingGates?.[step.environment] ?? []);
    const freezeIndex = step.gates.findIndex(g => g.type === 'freeze-window');
    const freeze = step.gates[freezeIndex];
    if (
      freeze &&
      wasWaiting.has(`${freeze.phase}:${freezeIndex}`) &&
      freeze.status === 'passed' &&
      !freeze.override?.approvedBy
    ) {
      events.push({
        ...base,
        type: 'release.freeze.ended',
        environment: step.environment,
        ...(freeze.startedAt ? { heldSince: freeze.startedAt } : {}),
      });
    }
    if (BEFORE_COMMIT.includes(was) && COMMITTED.includes(step.status)) {
      events.push({
        ...base,
        type: 'release.step.committed',
        environment: step.environment,
        step: publicStep,
      });
    }
    if (BEFORE_VERIFIED.includes(was) && VERIFIED.includes(step.status)) {
      events.push({
        ...base,
        type: 'release.step.verified',
        environment: step.environment,
        step: publicStep,
      });
    }
    if (!isFinished(was) && was !== 'skipped' && isFinished(step.status)) {
      events.push({
        ...base,
        type: 'release.step.finished',
        environment: step.environment,
        status: step.status,
        step: publicStep,
      });
    }
    const override = step.gates.find(g => g.type === 'freeze-window')?.override;
    const stage = freezeOverrideStage(step);
    if (override && stage !== before.freezeOverrides?.[step.environment]) {
      events.push({
        ...base,
        type:
          stage === 'approved'
            ? 'release.freeze-override.approved'
            : 'release.freeze-override.requested',
        environment: step.environment,
        override,
      });
    }
    for (const key of waitingGateKeys(step)) {
      const gate = step.gates[Number(key.split(':')[1])];
      if (gate.type !== 'manual-approval' || wasWaiting.has(key)) continue;
      events.push({
        ...base,
        type: 'release.waiting-for-approval',
        environment: step.environment,
        phase: gate.phase,
        approvers: gate.approvers ?? [],
      });
    }
  });
  if (before.status !== after.status) {
    if (after.status === 'succeeded') {
      events.push({ ...base, type: 'release.succeeded' });
      if (after.kind === 'rollback') {
        events.push({
          ...base,
          type: 'release.rolled-back',
          environments: after.steps.map(s => s.environment),
        });
      }
    } else if (after.status === 'failed') {
      events.push({
        ...base,
        type: 'release.failed',
        ...(after.error ? { error: after.error } : {}),
      });
    } else if (after.status === 'terminated') {
      events.push({
        ...base,
        type: 'release.terminated',
        ...(after.error ? { error: after.error } : {}),
        ...(after.supersededBy ? { supersededBy: after.supersededBy } : {}),
      });
    }
  }
  return events;
}
