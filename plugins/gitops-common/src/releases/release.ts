import type { ApplicationRef } from '../types';
import type { PromotionAction } from '../delivery/flow';

/** A release's lifecycle; `waiting` = held by an approval, an open pull request, a soak or a freeze. */
export type ReleaseStatus =
  | 'queued'
  | 'running'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'terminated';

/** One environment of a release, in the order a step moves through. */
export type ReleaseStepStatus =
  | 'pending'
  | 'pre-gates'
  | 'committing'
  | 'syncing'
  | 'verifying'
  | 'post-gates'
  | 'succeeded'
  | 'failed'
  | 'terminated'
  | 'skipped';

/** The gate types the backend brings. */
export type BuiltInGateType =
  | 'manual-approval'
  | 'soak'
  | 'freeze-window'
  | 'http-check'
  | 'callback';

/** A built-in gate type, or one a backend module added (`gitopsGateTypesExtensionPoint`). */
export type GateType = BuiltInGateType | (string & {});

/**
 * An emergency override of a freeze window: asked for with a reason, and only in effect once a
 * second person (neither the release's initiator nor the one who asked) approved it.
 */
export interface FreezeOverride {
  reason: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  /** What the approver wrote. */
  approvalComment?: string;
}

/** A gate of a step as the release sees it now. */
export interface ReleaseGate {
  type: GateType;
  phase: 'pre' | 'post';
  status: 'pending' | 'waiting' | 'passed' | 'failed';
  /** Why it holds, in words, e.g. "Production freeze: end-of-year" or "Needs approval from group:default/production-approvers". */
  reason?: string;
  /** RFC 3339: when a soak ends or a freeze window lifts. */
  until?: string;
  /** Manual approval: who may approve. */
  approvers?: string[];
  approvedBy?: string;
  approvedAt?: string;
  /** What the approver wrote when approving. */
  approvalComment?: string;
  /**
   * A waiting manual approval, as `GET /releases/{id}` answers it: whether the caller may approve it,
   * and if not, why (they started the release, are not an approver, or lack the permission).
   */
  canApprove?: boolean;
  cannotApproveReason?: string;
  /** A freeze window: the emergency override asked for, and who allowed it. */
  override?: FreezeOverride;
  /** A callback gate: its name in `POST /releases/{id}/gates/{name}/callback`. */
  name?: string;
  /** A callback gate: what the outside system decided, once it called. */
  callback?: {
    outcome: 'approved' | 'rejected';
    by: string;
    reason?: string;
    url?: string;
    at: string;
  };
}

export type ApplicationPromotionStatus =
  | 'pending'
  | 'committing'
  | 'committed'
  | 'no-change'
  | 'pull-request-open'
  | 'merged'
  | 'syncing'
  | 'healthy'
  | 'failed'
  | 'terminated';

/** One application's change within a step: one commit (or one pull request) with all its files. */
export interface ApplicationPromotion {
  application: ApplicationRef;
  repoURL: string;
  branch: string;
  /** The application's source path in the repository. */
  path: string;
  status: ApplicationPromotionStatus;
  /** The commit that landed on the branch (for a pull request: its merge commit once merged). */
  commitSha?: string;
  /** Link to the commit on the Git host, when it has a web UI. */
  commitUrl?: string;
  pullRequest?: {
    url: string;
    number: number;
    state: 'open' | 'merged' | 'closed';
  };
  /** What Argo CD reports while verifying. */
  health?: string;
  sync?: string;
  syncedRevision?: string;
  error?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ReleaseStep {
  environment: string;
  dependsOn: string[];
  action: PromotionAction;
  status: ReleaseStepStatus;
  gates: ReleaseGate[];
  applications: ApplicationPromotion[];
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface ReleaseNoteCommit {
  sha: string;
  message: string;
  author: string;
  date: string;
  url?: string;
  issueKeys: string[];
}

/** What changed between the version the target ran and the promoted one. */
export interface ReleaseNotes {
  commits: ReleaseNoteCommit[];
  authors: string[];
  /** Issue keys found in commit messages, e.g. `PAY-123`. */
  issueKeys: string[];
  images: Array<{ name: string; from?: string; to?: string }>;
}

export type ReleaseKind = 'manual' | 'flow' | 'rollback';

export interface ReleaseSummary {
  id: string;
  product: string;
  kind: ReleaseKind;
  /** The flow it follows; absent for a manual one-step promotion. */
  flow?: string;
  version: string;
  /** Where the version was taken from. */
  sourceEnvironment: string;
  /** The source environment's synced manifest revision the values were copied from. */
  sourceRevision?: string;
  /** User entity ref of who started it (or `engine` for automatic releases). */
  initiator: string;
  status: ReleaseStatus;
  /** Each target environment's step status, in flow order. */
  environments: Array<{ environment: string; status: ReleaseStepStatus }>;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Set when a newer release of the product terminated this one (concurrency `supersede`). */
  supersededBy?: string;
  error?: string;
}

export interface Release extends ReleaseSummary {
  steps: ReleaseStep[];
  notes?: ReleaseNotes;
  /** The commit message written for each application change (subject and body, no trailers). */
  message?: string;
}

export interface ReleaseFilter {
  product?: string;
  status?: ReleaseStatus;
  environment?: string;
  /**
   * `me`: only releases waiting for a manual approval the caller may give now (an approver, or a
   * member of an approver group as the catalog says, who did not start the release).
   */
  approvableBy?: 'me';
  limit?: number;
  cursor?: string;
}

export interface ReleaseListResponse {
  items: ReleaseSummary[];
  nextCursor?: string;
}

/** Body of `POST /releases/{id}/retry|terminate|approve`: a reason (terminate) or a comment (approve). */
export interface ReleaseActionRequest {
  reason?: string;
  comment?: string;
}

/**
 * What an outside system sends to `POST /releases/{id}/gates/{gate}/callback`, signed with the gate's
 * secret (see the route's description).
 */
export interface GateCallbackRequest {
  outcome?: string;
  /** Who decided in the outside system. */
  by?: string;
  reason?: string;
  /** Link to the decision, e.g. the change ticket. */
  url?: string;
}
