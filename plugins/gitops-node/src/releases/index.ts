export type {
  ReleaseCreatedEvent,
  ReleaseEvent,
  ReleaseEventListener,
  ReleaseEventType,
  ReleaseFailedEvent,
  ReleaseFreezeEndedEvent,
  ReleaseFreezeOverrideApprovedEvent,
  ReleaseFreezeOverrideRequestedEvent,
  ReleaseRolledBackEvent,
  ReleaseStepCommittedEvent,
  ReleaseStepFinishedEvent,
  ReleaseStepVerifiedEvent,
  ReleaseSucceededEvent,
  ReleaseTerminatedEvent,
  ReleaseWaitingForApprovalEvent,
} from './releaseEvents';
export { gitopsReleaseEventsExtensionPoint } from './extensionPoint';
export type { GitopsReleaseEventsExtensionPoint } from './extensionPoint';
