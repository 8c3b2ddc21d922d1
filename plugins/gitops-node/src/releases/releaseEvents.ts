import type {
  FreezeOverride,
  Release,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';

/**
 * Release events: what the promotion engine tells listeners after it stored a change.
 *
 * An event is sent once the change is in the database, by the backend replica that made it, to the
 * listeners of that replica. Delivery is at most once: an event of a change stored just before the
 * replica stopped may be lost, so a listener that must not miss anything reads `GET /releases`.
 */
interface ReleaseEventBase {
  /** RFC 3339: when the change was stored. */
  occurredAt: string;
  /** The release as stored with this change (the public shape of `GET /releases/{id}`). */
  release: Release;
}

/** A release was stored (a promotion request, or an automatic flow trigger). */
export interface ReleaseCreatedEvent extends ReleaseEventBase {
  type: 'release.created';
}

/** A step's manual-approval gate began to wait for an approver. */
export interface ReleaseWaitingForApprovalEvent extends ReleaseEventBase {
  type: 'release.waiting-for-approval';
  environment: string;
  phase: 'pre' | 'post';
  /** Catalog entity refs of who may approve. */
  approvers: string[];
}

/** Every application of a step was committed (or its pull request merged, or nothing had to change). */
export interface ReleaseStepCommittedEvent extends ReleaseEventBase {
  type: 'release.step.committed';
  environment: string;
  /** The step as stored: each application's `commitSha` or `pullRequest`. */
  step: ReleaseStep;
}

/** Every application of a step runs the promoted revision, Synced and Healthy. */
export interface ReleaseStepVerifiedEvent extends ReleaseEventBase {
  type: 'release.step.verified';
  environment: string;
  step: ReleaseStep;
}

/** A step ended: it succeeded (after its post-gates), failed or was terminated. */
export interface ReleaseStepFinishedEvent extends ReleaseEventBase {
  type: 'release.step.finished';
  environment: string;
  status: 'succeeded' | 'failed' | 'terminated';
  /** The step as stored: its error when it failed, each application's `commitSha`. */
  step: ReleaseStep;
}

/**
 * Someone asked to let a release through the freeze window holding a step; a second person (not
 * the initiator, not who asked) must approve it before it takes effect.
 */
export interface ReleaseFreezeOverrideRequestedEvent extends ReleaseEventBase {
  type: 'release.freeze-override.requested';
  environment: string;
  override: FreezeOverride;
}

/** A second person approved the emergency override; the step passes the freeze. */
export interface ReleaseFreezeOverrideApprovedEvent extends ReleaseEventBase {
  type: 'release.freeze-override.approved';
  environment: string;
  override: FreezeOverride;
}

/**
 * The freeze window that held a step ended (or was taken off the environment), so the step goes
 * on. A release let through by an emergency override gets `release.freeze-override.approved`
 * instead.
 */
export interface ReleaseFreezeEndedEvent extends ReleaseEventBase {
  type: 'release.freeze.ended';
  environment: string;
  /** RFC 3339: since when the freeze held the step. */
  heldSince?: string;
}

export interface ReleaseSucceededEvent extends ReleaseEventBase {
  type: 'release.succeeded';
}

export interface ReleaseFailedEvent extends ReleaseEventBase {
  type: 'release.failed';
  /** Which step failed and why. */
  error?: string;
}

export interface ReleaseTerminatedEvent extends ReleaseEventBase {
  type: 'release.terminated';
  error?: string;
  /** The newer release that replaced it (product concurrency `supersede`). */
  supersededBy?: string;
}

/** A rollback (a promotion of a version the source no longer runs) succeeded; follows `release.succeeded`. */
export interface ReleaseRolledBackEvent extends ReleaseEventBase {
  type: 'release.rolled-back';
  /** The environments now back on `release.version`. */
  environments: string[];
}

export type ReleaseEvent =
  | ReleaseCreatedEvent
  | ReleaseWaitingForApprovalEvent
  | ReleaseStepCommittedEvent
  | ReleaseStepVerifiedEvent
  | ReleaseStepFinishedEvent
  | ReleaseFreezeOverrideRequestedEvent
  | ReleaseFreezeOverrideApprovedEvent
  | ReleaseFreezeEndedEvent
  | ReleaseSucceededEvent
  | ReleaseFailedEvent
  | ReleaseTerminatedEvent
  | ReleaseRolledBackEvent;

export type ReleaseEventType = ReleaseEvent['type'];

/**
 * Receives release events (notifications, chat, a deployment tracker). Each listener gets the events
 * in the order the changes were stored, one at a time. A listener that throws, or does not answer
 * within `gitops.promotions.extensionTimeout` (default 10 s), has its error logged and gets the next
 * event: it never holds up or fails a release.
 */
export interface ReleaseEventListener {
  /** Names the listener in logs. */
  readonly name: string;
  onReleaseEvent(event: ReleaseEvent): Promise<void> | void;
}
