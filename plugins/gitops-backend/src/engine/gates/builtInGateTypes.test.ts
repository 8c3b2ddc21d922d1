import { formatConfigProblem } from '@slipway/plugin-gitops-common';
import { validateDeliveryFiles } from '../../config/validateDeliveryFiles';
import { builtInGateTypes } from './builtInGateTypes';

const ENVIRONMENTS = ['dev', 'prod'].map((name, i) => ({
  path: `environments/${name}.yaml`,
  text: `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  tier: ${name === 'prod' ? 'production' : 'non-production'}
  order: ${i + 1}
  targets:
    - runtime: nonprod
      cluster: in-cluster
      namespaces: [${name}]
`,
}));

function flow(name: string, gates: string) {
  return {
    path: `flows/${name}.yaml`,
    text: `apiVersion: slipway.dev/v1alpha1
kind: PromotionFlow
metadata:
  name: ${name}
spec:
  trigger: { environment: dev }
  steps:
    - environment: prod
      gates:
        post:
${gates}`,
  };
}

function validate(...flows: Array<{ path: string; text: string }>) {
  return validateDeliveryFiles([...ENVIRONMENTS, ...flows], {
    runtimeNames: ['nonprod'],
    gateTypes: builtInGateTypes(
      new Map([
        ['ci-token', 't'],
        ['change-approvals', 'k'],
      ]),
    ).checks,
  });
}

describe('the http-check and callback gates in flow files', () => {
  it('accepts well-formed gates that name secrets app-config holds', () => {
    const config = validate(
      flow(
        'checked',
        `          - type: http-check
            url: https://ci.example.test/checks
            headers: { Authorization: { secret: ci-token } }
            expect: { status: 200, path: $.state, equals: passed }
            interval: 30s
            timeout: 15m
          - type: callback
            name: change-approval
            secret: change-approvals
`,
      ),
    );
    expect(config.problems).toEqual([]);
    expect(config.flows[0].steps[0].gates.post).toEqual([
      expect.objectContaining({ type: 'http-check' }),
      {
        type: 'callback',
        settings: { name: 'change-approval', secret: 'change-approvals' },
      },
    ]);
  });

  it('reports a gate without url, an unknown secret and a callback without secret on the file and path, keeping the valid flow', () => {
    const config = validate(
      flow(
        'broken',
        `          - type: http-check
            headers: { Authorization: { secret: vault-token } }
          - type: callback
            name: change-approval
`,
      ),
      flow('fine', `          - type: soak\n            duration: 1m\n`),
    );
    expect(config.problems.map(formatConfigProblem)).toEqual([
      'flows/broken.yaml: spec.steps[0].gates.post[0]: url must be an http:// or https:// address',
      'flows/broken.yaml: spec.steps[0].gates.post[0]: headers.Authorization names the secret "vault-token", which gitops.gates.secrets in app-config does not hold',
      'flows/broken.yaml: spec.steps[0].gates.post[1]: secret must name the signing secret in gitops.gates.secrets, or anyone could decide the gate',
    ]);
    expect(config.flows.map(f => f.name)).toEqual(['fine']);
  });

  it('names the built-in types when a gate type is unknown', () => {
    const config = validate(
      flow(
        'typo',
        `          - type: http-chek\n            url: https://x.test\n`,
      ),
    );
    expect(config.problems.map(formatConfigProblem)).toEqual([
      'flows/typo.yaml: spec.steps[0].gates.post[0].type: type must be manual-approval, soak, http-check or callback',
    ]);
  });
});
