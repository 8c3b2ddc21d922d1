import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  type Environment,
  isRecurringFreezeWindow,
} from '@slipway/plugin-gitops-common';
import { RecurringFreeze } from './recurringFreeze';

export type FreezeStatus =
  | { frozen: false }
  | {
      frozen: true;
      /** Names the environment and the reason written on the window(s), e.g. "Production freeze: end-of-year". */
      reason: string;
      /** RFC 3339: when the freeze lifts, after every window that overlaps or adjoins the current one. */
      until: string;
      /** The time zone of the recurring window that lifts last, to tell `until` in; absent for a fixed window. */
      timeZone?: string;
    };

/** One window as the freeze check sees it: [start, end) in epoch milliseconds. */
interface FreezeSpan {
  start: number;
  end: number;
  reason?: string;
  timeZone?: string;
}

/**
 * How far a chain of windows is followed: a freeze that never lifts (a schedule whose windows
 * always overlap) says "until" where the search stopped, and is asked again then.
 */
const FREEZE_HORIZON_MS = 400 * 24 * 60 * 60 * 1000;
const MAX_CHAINED_WINDOWS = 500;

/**
 * Whether a freeze window holds the environment at `now`, fixed or recurring. Windows are
 * [start, end); when several overlap or follow each other without a gap, the freeze lifts at the
 * end of the whole chain, so a release is not told "until 18:00" only to be frozen again at 18:00.
 */
export function freezeStatus(
  environment: Environment,
  now: Date,
): FreezeStatus {
  const time = now.getTime();
  const fixed: FreezeSpan[] = [];
  const recurring: RecurringFreeze[] = [];
  for (const window of environment.freezeWindows) {
    if (isRecurringFreezeWindow(window)) {
      recurring.push(new RecurringFreeze(window));
    } else {
      fixed.push({
        start: Date.parse(window.start),
        end: Date.parse(window.end),
        reason: window.reason,
      });
    }
  }
  const startedBy = (at: number): FreezeSpan[] => [
    ...fixed.filter(w => w.start <= at),
    ...recurring.flatMap(freeze =>
      freeze.startedBy(at).map(occurrence => ({
        ...occurrence,
        reason: freeze.window.reason,
        timeZone: freeze.window.timeZone,
      })),
    ),
  ];
  const active = startedBy(time).filter(w => time < w.end);
  if (active.length === 0) {
    return { frozen: false };
  }
  const latest = (spans: FreezeSpan[]) =>
    spans.reduce((a, b) => (b.end > a.end ? b : a));
  let last = latest(active);
  const horizon = time + FREEZE_HORIZON_MS;
  for (let n = 0; n < MAX_CHAINED_WINDOWS && last.end < horizon; n++) {
    const next = latest(startedBy(last.end));
    if (next.end <= last.end) break;
    last = next;
  }
  const reasons = [
    ...new Set(active.map(w => w.reason?.trim()).filter(Boolean)),
  ];
  const label = `${environment.title} freeze`;
  return {
    frozen: true,
    reason: reasons.length > 0 ? `${label}: ${reasons.join('; ')}` : label,
    until: new Date(last.end).toISOString(),
    ...(last.timeZone ? { timeZone: last.timeZone } : {}),
  };
}

/** A soak gate that started waiting at `startedAt`: done once `durationMs` has passed. */
export function soakStatus(
  startedAt: Date,
  durationMs: number,
  now: Date,
): { done: boolean; until: string } {
  const until = startedAt.getTime() + durationMs;
  return { done: now.getTime() >= until, until: new Date(until).toISOString() };
}

/** Canonical, lower-case `kind:namespace/name`; text that is not a ref (e.g. `engine`) is only lower-cased. */
function normaliseRef(ref: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.trim().toLocaleLowerCase('en-US');
  }
}

export interface ApprovalRequest {
  /** The gate's approvers: group or user entity refs (a bare name means a group, as in flow files). */
  approvers: string[];
  /** User entity ref of whoever started the release. */
  initiator: string;
  /** User entity ref of whoever wants to approve. */
  approver: string;
  /** The approver's ownership entity refs (their user ref and groups), from the sign-in identity. */
  approverOwnershipRefs: string[];
}

export type ApprovalDecision =
  | { allowed: true }
  | { allowed: false; reason: string };

/**
 * Four-eyes approval: whoever started a release never approves it, and the approver must be named
 * in the gate directly or through one of their groups.
 */
export function approvalDecision(request: ApprovalRequest): ApprovalDecision {
  const approver = normaliseRef(request.approver, 'user');
  if (approver === normaliseRef(request.initiator, 'user')) {
    return {
      allowed: false,
      reason: 'You started this release, so someone else must approve it',
    };
  }
  const approvers = new Set(
    request.approvers.map(ref => normaliseRef(ref, 'group')),
  );
  const identities = [
    approver,
    ...request.approverOwnershipRefs.map(ref => normaliseRef(ref, 'group')),
  ];
  if (identities.some(ref => approvers.has(ref))) {
    return { allowed: true };
  }
  return {
    allowed: false,
    reason: `Only ${request.approvers.join(', ')} may approve this step; ${
      request.approver
    } is not one of them`,
  };
}

/**
 * Four eyes on an emergency override of a freeze: neither whoever started the release nor whoever
 * asked for the override may allow it.
 */
export function freezeOverrideDecision(request: {
  initiator: string;
  requestedBy: string;
  approver: string;
}): ApprovalDecision {
  const approver = normaliseRef(request.approver, 'user');
  if (approver === normaliseRef(request.initiator, 'user')) {
    return {
      allowed: false,
      reason:
        'You started this release, so someone else must approve its freeze override',
    };
  }
  if (approver === normaliseRef(request.requestedBy, 'user')) {
    return {
      allowed: false,
      reason:
        'You asked for this freeze override, so someone else must approve it',
    };
  }
  return { allowed: true };
}
