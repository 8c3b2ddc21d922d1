export { RepoWriteGuard } from './RepoWriteGuard';
export type { RepoWriteDecision } from './RepoWriteGuard';
