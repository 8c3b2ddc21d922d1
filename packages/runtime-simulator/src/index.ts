/**
 * An Argo CD (and minimal Kubernetes) API simulator over local Git repositories: the test double the
 * Slipway sandbox, tests and benchmarks run against.
 *
 * @packageDocumentation
 */

export { startSimulator } from './startSimulator';
export { loadSeed, startFromSeed, validateSeed, SeedError } from './seed';
export type { SimulatorOptions, RunningSimulator, SeedFile } from './types';
export type {
  FaultControl,
  FaultMode,
  FaultState,
  ComponentState,
} from './faults';
export type {
  ApplicationSeed,
  ApplicationSpec,
  ApplicationSource,
  ApplicationDestination,
  SyncPolicy,
  ObjectMeta,
  HealthStatusCode,
  SyncStatusCode,
  OperationPhase,
} from './argocd/types';
