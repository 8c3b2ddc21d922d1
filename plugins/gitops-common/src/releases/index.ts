export * from './release';
export * from './promotion';
export * from './releaseName';
export * from './releaseSearchDocument';
