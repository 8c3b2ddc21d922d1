/**
 * An example of extending Slipway from another backend module, through the extension points of
 * `@slipway/plugin-gitops-node` only: a `change-ticket` gate type and release-event listeners.
 *
 * @packageDocumentation
 */
export { createGitopsExampleModule } from './module';
export { changeTicketGate } from './changeTickets';
export type { ChangeTicketSystem } from './changeTickets';
