import {
  BUILT_IN_GATE_TYPES,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';

const GATE_TYPE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The gate types modules added; refuses at startup a type that could never be written or is taken. */
export class GateTypeRegistry {
  private readonly types = new Map<string, ReleaseGateType>();

  add(...types: ReleaseGateType[]): void {
    for (const gateType of types) {
      const name = gateType?.type;
      if (typeof name !== 'string' || !GATE_TYPE_NAME.test(name)) {
        throw new Error(
          `Gate type '${name}' cannot be written in a flow: use lowercase words joined by dashes`,
        );
      }
      if (BUILT_IN_GATE_TYPES.includes(name)) {
        throw new Error(
          `Gate type '${name}' is built in and cannot be replaced`,
        );
      }
      if (this.types.has(name)) {
        throw new Error(`Gate type '${name}' was added twice`);
      }
      if (typeof gateType.evaluate !== 'function') {
        throw new Error(`Gate type '${name}' has no evaluate function`);
      }
      this.types.set(name, gateType);
    }
  }

  list(): ReleaseGateType[] {
    return [...this.types.values()];
  }
}
