/**
 * Backstage notifications for Slipway releases: approvals waiting for someone, failures, and
 * deployments to production.
 *
 * @packageDocumentation
 */
export { gitopsNotificationsModule as default } from './module';
export { ReleaseNotifier } from './ReleaseNotifier';
export { notificationsFor, deliveryFacts } from './releaseNotifications';
export type { DeliveryFacts } from './releaseNotifications';
