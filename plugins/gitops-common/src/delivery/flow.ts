export type FlowTriggerMode = 'manual' | 'automatic';

export type PromotionAction = 'commit' | 'pull-request';

/** Waits until someone from one of the approver groups approves. */
export interface ManualApprovalGate {
  type: 'manual-approval';
  /** Catalog entity refs of groups (or users) who may approve. */
  approvers: string[];
}

export type Gate = ManualApprovalGate;

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
