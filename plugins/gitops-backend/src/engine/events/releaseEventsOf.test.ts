import type { ReleaseRecord } from '../../domain/releases/releaseRecord';
import { statusesOf } from '../transitionEvents';
import { releaseCreatedEvent, releaseEventsOf } from './releaseEventsOf';

function release(overrides: Partial<ReleaseRecord> = {}): ReleaseRecord {
  return {
    id: 'r1',
    product: 'shop',
    kind: 'manual',
    version: '1.1.0',
    sourceEnvironment: 'dev',
    initiator: 'user:default/dana',
    status: 'running',
    environments: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    steps: [
      {
        environment: 'prod',
        dependsOn: ['dev'],
        action: 'commit',
        status: 'committing',
        gates: [
          {
            type: 'manual-approval',
            phase: 'post',
            status: 'pending',
            approvers: ['group:default/cab'],
          },
        ],
        applications: [
          {
            application: { runtime: 'prod', namespace: 'argocd', name: 'api' },
            component: 'api',
            repoURL: 'file:///repo.git',
            branch: 'main',
            path: 'apps/api/prod',
            status: 'committed',
            commitSha: 'a'.repeat(40),
            expectedRevision: 'a'.repeat(40),
          },
        ],
      },
    ],
    plan: { sources: {} },
    rowVersion: 3,
    attempt: 0,
    ...overrides,
  };
}

const at = new Date('2026-01-01T00:01:00.000Z');
const types = (events: { type: string }[]) => events.map(e => e.type);

describe('releaseEventsOf', () => {
  it('tells a commit, a verification and an approval that began to wait, in that order', () => {
    const record = release();
    const read = statusesOf(record);
    record.steps[0].status = 'syncing';
    const committed = releaseEventsOf(read, record, at);
    expect(committed).toEqual([
      expect.objectContaining({
        type: 'release.step.committed',
        environment: 'prod',
        occurredAt: at.toISOString(),
        step: expect.objectContaining({
          applications: [
            expect.objectContaining({ commitSha: 'a'.repeat(40) }),
          ],
        }),
      }),
    ]);
    // The public shape: no engine bookkeeping.
    expect(committed[0].release).not.toHaveProperty('plan');

    const syncing = statusesOf(record);
    record.steps[0].status = 'post-gates';
    record.steps[0].gates[0].status = 'waiting';
    expect(releaseEventsOf(syncing, record, at)).toEqual([
      expect.objectContaining({ type: 'release.step.verified' }),
      expect.objectContaining({
        type: 'release.waiting-for-approval',
        environment: 'prod',
        phase: 'post',
        approvers: ['group:default/cab'],
      }),
    ]);
    // Still waiting on a later write: not told again.
    expect(releaseEventsOf(statusesOf(record), record, at)).toEqual([]);
  });

  it('tells how a release ended, and a rollback that succeeded', () => {
    const failed = release();
    const before = statusesOf(failed);
    failed.status = 'failed';
    failed.error = 'prod: verification timed out';
    expect(releaseEventsOf(before, failed, at)).toEqual([
      expect.objectContaining({
        type: 'release.failed',
        error: 'prod: verification timed out',
      }),
    ]);

    const superseded = release({ status: 'queued' });
    const queued = statusesOf(superseded);
    superseded.status = 'terminated';
    superseded.supersededBy = 'r2';
    expect(releaseEventsOf(queued, superseded, at)).toEqual([
      expect.objectContaining({
        type: 'release.terminated',
        supersededBy: 'r2',
      }),
    ]);

    const rollback = release({ kind: 'rollback' });
    rollback.steps[0].status = 'verifying';
    const verifying = statusesOf(rollback);
    rollback.steps[0].status = 'succeeded';
    rollback.status = 'succeeded';
    expect(types(releaseEventsOf(verifying, rollback, at))).toEqual([
      'release.step.verified',
      'release.step.finished',
      'release.succeeded',
      'release.rolled-back',
    ]);
  });

  it('tells each step that ended, once, with how it ended', () => {
    const record = release();
    record.steps[0].status = 'verifying';
    const verifying = statusesOf(record);
    record.steps[0].status = 'failed';
    record.steps[0].error = 'verification timed out';
    expect(releaseEventsOf(verifying, record, at)).toEqual([
      expect.objectContaining({
        type: 'release.step.finished',
        environment: 'prod',
        status: 'failed',
        step: expect.objectContaining({ error: 'verification timed out' }),
      }),
    ]);
    expect(releaseEventsOf(statusesOf(record), record, at)).toEqual([]);
  });

  it('tells an emergency override of a freeze when asked for and when approved, once each', () => {
    const record = release();
    record.steps[0].status = 'pre-gates';
    record.steps[0].gates = [
      { type: 'freeze-window', phase: 'pre', status: 'waiting' },
    ];
    const held = statusesOf(record);
    const override = {
      reason: 'payment outage fix',
      requestedBy: 'user:default/bob',
      requestedAt: at.toISOString(),
    };
    record.steps[0].gates[0].override = { ...override };
    expect(releaseEventsOf(held, record, at)).toEqual([
      expect.objectContaining({
        type: 'release.freeze-override.requested',
        environment: 'prod',
        override,
      }),
    ]);
    const requested = statusesOf(record);
    expect(releaseEventsOf(requested, record, at)).toEqual([]);
    record.steps[0].gates[0].override!.approvedBy = 'user:default/alice';
    expect(releaseEventsOf(requested, record, at)).toEqual([
      expect.objectContaining({
        type: 'release.freeze-override.approved',
        override: expect.objectContaining({ approvedBy: 'user:default/alice' }),
      }),
    ]);
  });

  it('tells a created release as it was stored', () => {
    expect(releaseCreatedEvent(release({ status: 'queued' }), at)).toEqual(
      expect.objectContaining({
        type: 'release.created',
        release: expect.objectContaining({ id: 'r1', status: 'queued' }),
      }),
    );
  });
});
