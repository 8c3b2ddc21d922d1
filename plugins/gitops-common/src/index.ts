/**
 * Isomorphic types, permissions and API client of the Slipway GitOps plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
export * from './client';
export * from './delivery';
export * from './releases';
export * from './audit';
export * from './insights';
