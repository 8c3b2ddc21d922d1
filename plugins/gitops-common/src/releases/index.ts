export * from './release';
export * from './promotion';
