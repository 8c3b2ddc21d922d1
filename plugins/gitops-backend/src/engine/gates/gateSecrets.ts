import type { Config } from '@backstage/config';

/** `gitops.gates.secrets` in app-config: values gates use by name (header tokens, callback keys). */
export type GateSecrets = ReadonlyMap<string, string>;

export function readGateSecrets(config: Config): GateSecrets {
  const secrets = config.getOptionalConfig('gitops.gates.secrets');
  return new Map(
    (secrets?.keys() ?? []).map(name => [name, secrets!.getString(name)]),
  );
}
