import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StoredGate, StoredStep } from './releaseRecord';

/** A `callback` gate as the flow wrote it, checked. */
export interface CallbackSettings {
  /** The gate's name in the callback URL: `/releases/{id}/gates/{name}/callback`. */
  name: string;
  /** The name of the signing secret in `gitops.gates.secrets`. */
  secret: string;
}

/** What the outside system decided, as stored on the gate. */
export interface CallbackOutcome {
  outcome: 'approved' | 'rejected';
  by: string;
  reason?: string;
  url?: string;
  /** RFC 3339: when the call arrived. */
  at: string;
}

/** A signed call older (or further ahead) than this is refused as a possible replay. */
export const CALLBACK_MAX_AGE_MS = 5 * 60_000;
const GATE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function readCallbackSettings(
  settings: Record<string, unknown>,
  secretNames: readonly string[],
): { settings?: CallbackSettings; problems: string[] } {
  const problems: string[] = [];
  const { name, secret, ...rest } = settings;
  for (const key of Object.keys(rest)) {
    problems.push(`unknown field "${key}" (name, secret)`);
  }
  if (typeof name !== 'string' || !GATE_NAME.test(name)) {
    problems.push(
      'name must be lowercase words joined by dashes: the outside system calls /releases/{id}/gates/{name}/callback',
    );
  }
  if (typeof secret !== 'string' || !secret) {
    problems.push(
      'secret must name the signing secret in gitops.gates.secrets, or anyone could decide the gate',
    );
  } else if (!secretNames.includes(secret)) {
    problems.push(
      `secret names "${secret}", which gitops.gates.secrets in app-config does not hold`,
    );
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    settings: { name: name as string, secret: secret as string },
  };
}

/** The hex HMAC-SHA256 a caller sends as `X-Slipway-Signature: sha256=<hex>`, over `<timestamp>.<body>`. */
export function callbackSignature(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(rawBody)
    .digest('hex');
}

/**
 * Whether a call is signed with the gate's secret and recent. `timestamp` is the
 * `X-Slipway-Timestamp` header in Unix seconds; signing it too means an old call cannot be replayed
 * with a new time.
 */
export function verifyCallback(input: {
  secret: string;
  rawBody: Buffer;
  signature?: string;
  timestamp?: string;
  now: Date;
}): { ok: true } | { ok: false; reason: string } {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) {
    return {
      ok: false,
      reason:
        'The call is not signed: send X-Slipway-Timestamp (Unix seconds) and X-Slipway-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">',
    };
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
    return { ok: false, reason: 'X-Slipway-Timestamp must be Unix seconds' };
  }
  const expected = Buffer.from(
    callbackSignature(input.secret, timestamp, input.rawBody),
    'hex',
  );
  const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      reason:
        "The signature does not match the body signed with the gate's secret",
    };
  }
  if (Math.abs(input.now.getTime() - seconds * 1000) > CALLBACK_MAX_AGE_MS) {
    return {
      ok: false,
      reason:
        'The call is older than 5 minutes (or dated ahead): a replay is refused',
    };
  }
  return { ok: true };
}

/** The body of a verified call, or what is wrong with it. */
export function readCallbackBody(body: unknown): {
  outcome?: Omit<CallbackOutcome, 'at'>;
  problem?: string;
} {
  const value = (body ?? {}) as Record<string, unknown>;
  if (value.outcome !== 'approved' && value.outcome !== 'rejected') {
    return { problem: 'outcome must be approved or rejected' };
  }
  if (typeof value.by !== 'string' || !value.by.trim()) {
    return { problem: 'by must name who decided' };
  }
  for (const key of ['reason', 'url'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      return { problem: `${key} must be text` };
    }
  }
  if (typeof value.url === 'string' && !/^https?:\/\//.test(value.url)) {
    return { problem: 'url must be an http:// or https:// address' };
  }
  return {
    outcome: {
      outcome: value.outcome,
      by: value.by.trim(),
      ...(typeof value.reason === 'string' && value.reason.trim()
        ? { reason: value.reason.trim() }
        : {}),
      ...(typeof value.url === 'string' ? { url: value.url } : {}),
    },
  };
}

/** The release's callback gate called `name`, and whether it is the one the release waits on now. */
export function findCallbackGate(
  steps: StoredStep[],
  name: string,
): { step: StoredStep; gate: StoredGate; waiting: boolean } | undefined {
  let found:
    | { step: StoredStep; gate: StoredGate; waiting: boolean }
    | undefined;
  for (const step of steps) {
    for (const gate of step.gates) {
      if (gate.type !== 'callback' || gate.name !== name) continue;
      const waiting =
        gate.status === 'waiting' && step.status === `${gate.phase}-gates`;
      // The same name in several steps: the one waiting now is meant.
      if (!found || (waiting && !found.waiting))
        found = { step, gate, waiting };
    }
  }
  return found;
}
