import { formatConfigProblem } from '@slipway/plugin-gitops-common';
import { validateDeliveryFiles } from './validateDeliveryFiles';

/** A Product as the scaffolder action gitops:product:define writes it, with one field changed. */
function billing(spec: string): string {
  return `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: billing
spec:
  owner: group:default/payments-team
  promotion:
    files:
      - file: values.yaml
        paths:
          - $.image.tag
  concurrency: queue
${spec}`;
}

describe('validateDeliveryFiles', () => {
  // The scaffolder action rejects the same documents with the same messages
  // (plugins/scaffolder-backend-module-gitops/src/actions/defineProduct.test.ts).
  it.each([
    [
      'a version file outside the application folder',
      '  versionSource:\n    file: ../Chart.yaml\n    path: $.appVersion\n',
      'products/billing.yaml: spec.versionSource.file: must be a file inside the application folder (no leading "/", no "..")',
    ],
    [
      'a flow name the delivery repository cannot hold',
      '  flows:\n    - name: Standard\n',
      'products/billing.yaml: spec.flows[0].name: must be lowercase letters, digits and dashes, starting and ending with a letter or digit',
    ],
    [
      'a blank title',
      '  title: "   "\n',
      'products/billing.yaml: spec.title: must not be empty',
    ],
  ])('leaves out a product with %s and says why', (_what, spec, message) => {
    const config = validateDeliveryFiles(
      [{ path: 'products/billing.yaml', text: billing(spec) }],
      { runtimeNames: [] },
    );
    expect(config.products).toEqual([]);
    expect(config.problems.map(formatConfigProblem)).toEqual([message]);
  });
});
