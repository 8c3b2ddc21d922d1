/**
 * Service interfaces and extension points of the Slipway GitOps backend, for other backend modules.
 *
 * @packageDocumentation
 */
export * from './git';
export * from './delivery';
