export type FlowTriggerMode = 'manual' | 'automatic';

export type PromotionAction = 'commit' | 'pull-request';

/** Waits until someone from one of the approver groups approves. */
export interface ManualApprovalGate {
  type: 'manual-approval';
  /** Catalog entity refs of groups (or users) who may approve. */
  approvers: string[];
}

/** Holds the step until `duration` has passed since the gate started waiting (post-gate: after verifying). */
export interface SoakGate {
  type: 'soak';
  /** As written, e.g. `30s`, `10m`, `1h30m`. */
  duration: string;
}

/** A gate of a type a backend module added; the flow wrote its other fields, kept in `settings`. */
export interface CustomGate {
  type: string;
  settings: Record<string, unknown>;
}

export type Gate = ManualApprovalGate | SoakGate | CustomGate;

export function isManualApprovalGate(gate: Gate): gate is ManualApprovalGate {
  return gate.type === 'manual-approval';
}

export function isSoakGate(gate: Gate): gate is SoakGate {
  return gate.type === 'soak';
}

export interface FlowStep {
  /** Environment this step promotes into; unique within a flow. */
  environment: string;
  /**
   * Steps (by environment) or the trigger environment that must succeed first. Never empty: a step
   * written without `dependsOn` depends on the trigger environment.
   */
  dependsOn: string[];
  action: PromotionAction;
  gates: { pre: Gate[]; post: Gate[] };
}

/** The path a version takes through environments (`flows/<name>.yaml`). */
export interface PromotionFlow {
  name: string;
  /** Defaults to the name. */
  title: string;
  description?: string;
  trigger: { environment: string; mode: FlowTriggerMode };
  /** In dependency order: every step comes after the steps it depends on. */
  steps: FlowStep[];
}
