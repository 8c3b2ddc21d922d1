// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsDetail,
} from '../../__testUtils__/deliveryFixtures';
import { renderDelivery } from './__testUtils__/renderDelivery';

const WAIT = { timeout: 30_000 };

describe('Delivery tab without permission to promote', () => {
  it('disables every Promote button', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      productDetails: [paymentsDetail],
    });
    renderDelivery(api, { permission: AuthorizeResult.DENY });
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
