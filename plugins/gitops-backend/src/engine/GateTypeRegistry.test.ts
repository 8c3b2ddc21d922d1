import type { ReleaseGateType } from '@slipway/plugin-gitops-node';
import { GateTypeRegistry } from './GateTypeRegistry';

const gate = (type: string): ReleaseGateType => ({
  type,
  evaluate: async () => ({ result: 'pass' }),
});

describe('GateTypeRegistry', () => {
  it('keeps the gate types modules add', () => {
    const registry = new GateTypeRegistry();
    registry.add(gate('change-ticket'), gate('load-test'));
    expect(registry.list().map(t => t.type)).toEqual([
      'change-ticket',
      'load-test',
    ]);
  });

  it('refuses a built-in type, a type added twice and a name a flow cannot write', () => {
    const registry = new GateTypeRegistry();
    registry.add(gate('change-ticket'));
    expect(() => registry.add(gate('soak'))).toThrow(
      "Gate type 'soak' is built in and cannot be replaced",
    );
    expect(() => registry.add(gate('change-ticket'))).toThrow(
      "Gate type 'change-ticket' was added twice",
    );
    expect(() => registry.add(gate('Change Ticket'))).toThrow(
      /cannot be written in a flow/,
    );
  });
});
