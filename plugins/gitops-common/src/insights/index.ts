export * from './dora';
