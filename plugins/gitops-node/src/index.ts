export * from './git';
export * from './releases';
export * from './gates';
