export * from './duration';
export * from './labelSelector';
export * from './valuePath';
export * from './schedule';
