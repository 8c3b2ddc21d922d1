export * from './dora';
export * from './changes';
