export type {
  ReleaseCreatedEvent,
  ReleaseEvent,
  ReleaseEventListener,
  ReleaseEventType,
  ReleaseFailedEvent,
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
