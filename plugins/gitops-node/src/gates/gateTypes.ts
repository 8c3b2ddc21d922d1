import type { Release, ReleaseStep } from '@slipway/plugin-gitops-common';

/**
 * A gate as the engine hands it to its type: the fields a flow wrote for it (besides `type`), and
 * when it first held.
 */
export interface EvaluatedGate {
  type: string;
  phase: 'pre' | 'post';
  /** The gate's other fields as written in the flow file, e.g. `{ ticket: 'CHG-1234' }`. */
  settings: Record<string, unknown>;
  /** RFC 3339: when the gate first held; absent on the first look. */
  startedAt?: string;
}

/** What a gate type answers each time the engine asks. */
export type GateEvaluation =
  /** The gate passed; it is not asked again (unless the release is retried). */
  | { result: 'pass' }
  /** Hold the step: the release shows `waiting` with `reason`; the engine asks again at `nextCheckAt`. */
  | { result: 'wait'; reason: string; nextCheckAt: Date }
  /** The step fails with `reason`; a retry asks again. */
  | { result: 'fail'; reason: string };

/**
 * A kind of gate a backend module adds (a change ticket, an external test run, a metric check). A
 * flow uses it by its `type`:
 *
 * ```yaml
 * gates:
 *   pre:
 *     - type: change-ticket
 *       ticket: CHG-1234
 * ```
 *
 * The engine calls `evaluate` each time it looks at a step held by the gate, at most once at a time
 * per gate. An `evaluate` that throws or does not answer within `gitops.promotions.extensionTimeout`
 * (default 10 s) holds the step and is asked again a minute later; its error shows as the reason.
 */
export interface ReleaseGateType {
  /** The `type` flows write; lowercase words joined by dashes, and not a built-in type. */
  readonly type: string;
  /**
   * Checks a gate's settings when the delivery config is read; each message is reported as a config
   * problem on the gate and the flow is left out, as with any invalid flow.
   */
  validate?(settings: Record<string, unknown>): string[];
  evaluate(
    release: Release,
    step: ReleaseStep,
    gate: EvaluatedGate,
  ): Promise<GateEvaluation>;
}

/** Gate types the backend itself brings; a module cannot replace them. */
export const BUILT_IN_GATE_TYPES: readonly string[] = [
  'manual-approval',
  'soak',
  'freeze-window',
  'http-check',
  'callback',
];
