export type {
  EvaluatedGate,
  GateEvaluation,
  ReleaseGateType,
} from './gateTypes';
export { BUILT_IN_GATE_TYPES } from './gateTypes';
export { gitopsGateTypesExtensionPoint } from './extensionPoint';
export type { GitopsGateTypesExtensionPoint } from './extensionPoint';
