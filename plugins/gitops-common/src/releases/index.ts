export * from './release';
export * from './promotion';
export * from './releaseName';
