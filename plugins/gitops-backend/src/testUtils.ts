/**
 * Test helpers for Slipway's own backend modules: the gitops backend over real local Git
 * repositories and simulated Argo CD runtimes, on a migrated test database. They use the backend's
 * development dependencies (`@backstage/backend-test-utils`, `supertest`, the runtime simulator),
 * so only packages that have those too can import them.
 */
/* eslint-disable no-restricted-imports -- this entry point exists to share the test helpers */
export { migratedDatabase } from './database/__testUtils__/testDatabases';
export {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  productYaml,
  startWorldBackend,
  valuesYaml,
  waitForRelease,
  waitForVersion,
} from './engine/__testUtils__/promotionWorld';
export type {
  World,
  WorldBackend,
  WorldOptions,
} from './engine/__testUtils__/promotionWorld';
export { waitFor } from './__testUtils__/waitFor';
