export * from './environment';
export * from './product';
export * from './flow';
export * from './problems';
export * from './mapping';
export * from './productState';
export * from './environmentDiff';
export * from './board';
