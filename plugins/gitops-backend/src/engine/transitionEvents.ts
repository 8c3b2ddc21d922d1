import type { AuditOutcome } from '@slipway/plugin-gitops-common';
import { NewAuditEvent } from '../database/audit/AuditRecorder';
import { ReleaseRecord } from '../domain/releases/releaseRecord';

/** What a release looked like when it was read: enough to tell which transitions a write makes. */
export interface ReleaseStatuses {
  status: ReleaseRecord['status'];
  steps: Record<string, ReleaseRecord['steps'][number]['status']>;
  /** By environment: the gates that were waiting, as `<phase>:<index>` (tells a gate that began to wait). */
  waitingGates?: Record<string, string[]>;
  /** By environment: how far an emergency override of its freeze has come. */
  freezeOverrides?: Record<string, FreezeOverrideStage>;
}

export type FreezeOverrideStage = 'requested' | 'approved';

/** How far the override of a step's freeze has come; absent when nobody asked for one. */
export function freezeOverrideStage(
  step: ReleaseRecord['steps'][number],
): FreezeOverrideStage | undefined {
  const override = step.gates.find(g => g.type === 'freeze-window')?.override;
  if (!override) return undefined;
  return override.approvedBy ? 'approved' : 'requested';
}

export function statusesOf(record: ReleaseRecord): ReleaseStatuses {
  return {
    status: record.status,
    steps: Object.fromEntries(record.steps.map(s => [s.environment, s.status])),
    waitingGates: Object.fromEntries(
      record.steps.map(s => [s.environment, waitingGateKeys(s)]),
    ),
    freezeOverrides: Object.fromEntries(
      record.steps.flatMap(s => {
        const stage = freezeOverrideStage(s);
        return stage ? [[s.environment, stage]] : [];
      }),
    ),
  };
}

/** `<phase>:<index>` of each waiting gate of a step. */
export function waitingGateKeys(step: ReleaseRecord['steps'][number]) {
  return step.gates.flatMap((gate, index) =>
    gate.status === 'waiting' ? [`${gate.phase}:${index}`] : [],
  );
}

const outcome = (status: string): AuditOutcome =>
  status === 'failed' ? 'failed' : 'succeeded';

/** `release.step.<status>` and `release.<status>` events for every status a write changed. */
export function transitionEvents(
  before: ReleaseStatuses,
  after: ReleaseRecord,
  actor: string,
  source: 'engine' | 'api',
): NewAuditEvent[] {
  const events: NewAuditEvent[] = [];
  const base = {
    actor,
    product: after.product,
    releaseId: after.id,
    source,
  } as const;
  for (const step of after.steps) {
    if (before.steps[step.environment] !== step.status) {
      events.push({
        ...base,
        action: `release.step.${step.status}`,
        target: `release:${after.id}`,
        environment: step.environment,
        outcome: outcome(step.status),
        details: {
          version: after.version,
          from: before.steps[step.environment],
          ...(step.error ? { error: step.error } : {}),
        },
      });
    }
  }
  if (before.status !== after.status) {
    events.push({
      ...base,
      action: `release.${after.status}`,
      target: `release:${after.id}`,
      outcome: outcome(after.status),
      details: {
        version: after.version,
        from: before.status,
        ...(after.error ? { error: after.error } : {}),
        ...(after.supersededBy ? { supersededBy: after.supersededBy } : {}),
      },
    });
  }
  return events;
}
