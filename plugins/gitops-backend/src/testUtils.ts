/**
 * For this repository's benchmarks and other packages' tests: real parts of the backend (stores, Git
 * providers) and the test worlds its own tests use. Not a stable API.
 *
 * @packageDocumentation
 */
/* eslint-disable no-restricted-imports -- this entry point exists to share the test worlds */
export { gitopsPlugin } from './plugin';
export { applyMigrations } from './database/migrate';
export { AuditStore, toAuditRow } from './database/audit/AuditStore';
export type { NewAuditEvent } from './database/audit/AuditRecorder';
export { encodeAuditCursor } from './database/audit/auditCursor';
export {
  KnexDeploymentStore,
  toDeploymentRow,
} from './database/deployments/DeploymentStore';
export type { Deployment } from './domain/insights/deployments';
export {
  deploymentTerms,
  releaseNoteTerms,
} from './domain/insights/changeTerms';
export { OUTSIDE_SLIPWAY } from './domain/insights/deployments';
export { toReleaseRow } from './database/releases/ReleaseStore';
export { releaseRecord } from './database/__testUtils__/releaseRecords';
export type { ReleaseRecord } from './domain/releases/releaseRecord';
export { GithubGitProvider } from './git/github/GithubGitProvider';
export { LocalGitProvider } from './git/local/LocalGitProvider';
export { FakeGithub } from './git/__testUtils__/fakeGithub';
export { createTestRepo } from './git/__testUtils__/localRepos';
export type { TestRepo } from './git/__testUtils__/localRepos';
export { runtimeConfig } from './__testUtils__/gitopsBackend';
export { createDeliveryRepo } from './config/__testUtils__/deliveryRepo';
export type { DeliveryTestRepo } from './config/__testUtils__/deliveryRepo';
export { examplesDeliveryDir } from './config/__testUtils__/examplesDir';
export {
  WORLD_REPO,
  appFiles,
  application,
  commitsSettled,
  createWorld,
  environmentYaml,
  prodFlowYaml,
  productYaml,
  productsOnOneBranch,
  productsShowing,
  startWorldBackend,
  valuesYaml,
  waitForRelease,
  waitForVersion,
} from './engine/__testUtils__/promotionWorld';
export {
  startReadyBackend,
  stopWorld,
} from './engine/__testUtils__/readyBackend';
export type { BoardVersions } from './engine/__testUtils__/readyBackend';
export type {
  StepGates,
  World,
  WorldBackend,
  WorldOptions,
} from './engine/__testUtils__/promotionWorld';
export { migratedDatabase } from './database/__testUtils__/testDatabases';
export { waitFor } from './__testUtils__/waitFor';
