import type { ProductSummary } from '@slipway/plugin-gitops-common';
import { FakeGitopsApi } from './FakeGitopsApi';
import { deliveryEnvironments, paymentsSummary } from './deliveryFixtures';

describe('the test backend is held to the OpenAPI document', () => {
  it('answers fixtures the real backend could send', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary],
    });
    await expect(api.getProducts()).resolves.toMatchObject({
      items: [{ product: { name: 'payments' } }],
    });
  });

  it('fails a read whose fixture drifted from the schema, naming the field', async () => {
    const { versions: _dropped, ...drifted } = paymentsSummary.environments[0];
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [
        {
          ...paymentsSummary,
          environments: [drifted],
        } as unknown as ProductSummary,
      ],
    });
    await expect(api.getProducts()).rejects.toThrow(
      /GET \/products \(getProducts\).*\n.*\/items\/0\/environments\/0 must have required property 'versions'/,
    );
  });
});
