import type { Environment } from '@slipway/plugin-gitops-common';
import type {
  GateEvaluation,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';
import type { ReleaseRecord } from '../../domain/releases/releaseRecord';
import { releaseEventsOf } from '../events/releaseEventsOf';
import { statusesOf } from '../transitionEvents';
import { GatePhase } from './GatePhase';

const environment = {
  name: 'prod',
  title: 'Production',
  freezeWindows: [],
} as unknown as Environment;

function heldRelease(type: string): ReleaseRecord {
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
        status: 'pre-gates',
        gates: [
          {
            type,
            phase: 'pre',
            status: 'pending',
            settings: { ticket: 'CHG-9' },
          },
        ],
        applications: [],
      },
    ],
    plan: { sources: {} },
    rowVersion: 1,
    attempt: 0,
  };
}

const ticketGate = (
  evaluate: ReleaseGateType['evaluate'],
): ReleaseGateType => ({ type: 'change-ticket', evaluate });

async function look(gateType: ReleaseGateType | undefined, type: string) {
  const record = heldRelease(type);
  const phase = new GatePhase({
    gateTypes: gateType ? [gateType] : [],
    timeoutMs: 50,
  });
  const progress = await phase.advance(
    record,
    record.steps[0],
    environment,
    new Date('2026-01-01T00:00:00.000Z'),
  );
  return { progress, step: record.steps[0] };
}

describe('GatePhase with gate types modules added', () => {
  it('hands the gate its settings and holds the step while it says wait', async () => {
    const asked: unknown[] = [];
    const { progress, step } = await look(
      ticketGate(async (release, releaseStep, gate) => {
        asked.push([release.id, releaseStep.environment, gate]);
        return {
          result: 'wait',
          reason: 'CHG-9 is not approved yet',
          nextCheckAt: new Date(Date.now() + 30_000),
        };
      }),
      'change-ticket',
    );
    expect(asked).toEqual([
      [
        'r1',
        'prod',
        { type: 'change-ticket', phase: 'pre', settings: { ticket: 'CHG-9' } },
      ],
    ]);
    expect(progress).toMatchObject({ changed: true, waiting: true });
    expect(step.status).toBe('pre-gates');
    expect(step.gates[0]).toMatchObject({
      status: 'waiting',
      reason: 'CHG-9 is not approved yet',
    });
  });

  it('moves the step on in the same look when its last gate passes', async () => {
    const { progress, step } = await look(
      ticketGate(async () => ({ result: 'pass' })),
      'change-ticket',
    );
    expect(step.gates[0].status).toBe('passed');
    expect(step.status).toBe('committing');
    expect(progress).toMatchObject({ changed: true, delayMs: 0 });
  });

  it('fails the step when the gate says fail', async () => {
    const { step } = await look(
      ticketGate(
        async (): Promise<GateEvaluation> => ({
          result: 'fail',
          reason: 'CHG-9 was rejected',
        }),
      ),
      'change-ticket',
    );
    expect(step.status).toBe('failed');
    expect(step.error).toBe('change-ticket gate: CHG-9 was rejected');
    expect(step.gates[0]).toMatchObject({ status: 'failed' });
  });

  it('holds the step, with the error as the reason, when the gate throws or does not answer', async () => {
    const thrown = await look(
      ticketGate(async () => {
        throw new Error('ticket system unreachable');
      }),
      'change-ticket',
    );
    expect(thrown.step.status).toBe('pre-gates');
    expect(thrown.step.gates[0]).toMatchObject({
      status: 'waiting',
      reason:
        'The change-ticket gate could not be checked: ticket system unreachable',
    });

    const hung = await look(
      ticketGate(() => new Promise(() => {})),
      'change-ticket',
    );
    expect(hung.step.gates[0].reason).toBe(
      'The change-ticket gate could not be checked: The change-ticket gate did not answer within 50 ms',
    );
  });

  it('fails the step when no installed module provides the gate type', async () => {
    const { step } = await look(undefined, 'change-ticket');
    expect(step.status).toBe('failed');
    expect(step.error).toBe(
      "change-ticket gate: no installed module provides the 'change-ticket' gate type",
    );
  });
});

describe('GatePhase with a recurring freeze window', () => {
  const weekendFrozen = {
    ...environment,
    freezeWindows: [
      {
        schedule: '0 18 * * 5',
        duration: '60h',
        timeZone: 'Europe/Berlin',
        reason: 'weekend',
      },
    ],
  } as Environment;

  it('holds the step until the window ends, then lets it through and tells the freeze ended', async () => {
    const record = heldRelease('freeze-window');
    const step = record.steps[0];
    const phase = new GatePhase({ gateTypes: [], timeoutMs: 50 });

    // Friday 11 December 2026, 19:00 in Berlin.
    const friday = new Date('2026-12-11T18:00:00.000Z');
    const held = await phase.advance(record, step, weekendFrozen, friday);
    expect(held).toMatchObject({ waiting: true, changed: true });
    expect(step.status).toBe('pre-gates');
    expect(step.gates[0]).toMatchObject({
      status: 'waiting',
      reason: 'Production freeze: weekend',
      // Monday 06:00 in Berlin.
      until: '2026-12-14T05:00:00.000Z',
      startedAt: friday.toISOString(),
    });

    const beforeEnd = statusesOf(record);
    const stillHeld = await phase.advance(
      record,
      step,
      weekendFrozen,
      new Date('2026-12-14T04:59:59.000Z'),
    );
    expect(stillHeld.waiting).toBe(true);
    expect(releaseEventsOf(beforeEnd, record, friday)).toEqual([]);

    const monday = new Date('2026-12-14T05:00:00.000Z');
    await phase.advance(record, step, weekendFrozen, monday);
    expect(step.status).toBe('committing');
    expect(step.gates[0].status).toBe('passed');
    expect(releaseEventsOf(beforeEnd, record, monday)).toEqual([
      expect.objectContaining({
        type: 'release.freeze.ended',
        environment: 'prod',
        heldSince: friday.toISOString(),
        release: expect.objectContaining({ id: 'r1' }),
      }),
    ]);
  });

  it('does not tell the freeze ended when an emergency override let the release through', async () => {
    const record = heldRelease('freeze-window');
    const step = record.steps[0];
    const phase = new GatePhase({ gateTypes: [], timeoutMs: 50 });
    const friday = new Date('2026-12-11T18:00:00.000Z');
    await phase.advance(record, step, weekendFrozen, friday);
    const held = statusesOf(record);
    step.gates[0].override = {
      reason: 'payment outage fix',
      requestedBy: 'user:default/bob',
      requestedAt: friday.toISOString(),
      approvedBy: 'user:default/alice',
      approvedAt: friday.toISOString(),
    };
    await phase.advance(record, step, weekendFrozen, friday);
    expect(step.gates[0].status).toBe('passed');
    expect(
      releaseEventsOf(held, record, friday).map(event => event.type),
    ).not.toContain('release.freeze.ended');
  });
});
