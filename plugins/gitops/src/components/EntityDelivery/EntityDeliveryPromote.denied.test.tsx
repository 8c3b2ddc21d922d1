// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { screen, waitFor } from '@testing-library/react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { gitopsApiRef } from '../../api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsDetail,
} from '../../__testUtils__/deliveryFixtures';
import { EntityDeliveryContent } from './EntityDeliveryContent';

const WAIT = { timeout: 30_000 };

describe('Delivery tab without permission to promote', () => {
  it('disables every Promote button', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      productDetails: [paymentsDetail],
    });
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: {
            name: 'payments',
            annotations: { 'slipway.dev/product': 'payments' },
          },
        }}
      >
        <EntityDeliveryContent />
      </EntityProvider>,
      {
        apis: [
          [gitopsApiRef, api],
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const button = await screen.findByRole(
      'button',
      { name: 'Promote Staging → Production' },
      WAIT,
    );
    await waitFor(() => expect(button).toBeDisabled(), WAIT);
    expect(
      screen.getByRole('button', { name: 'Promote Development → Staging' }),
    ).toBeDisabled();
  });
});
