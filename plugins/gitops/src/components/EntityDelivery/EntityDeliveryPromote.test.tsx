import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsDetail,
  paymentsStagingToProduction,
} from '../../__testUtils__/deliveryFixtures';
import {
  failedRelease,
  succeededRelease,
  waitingRelease,
} from '../../__testUtils__/releaseFixtures';
import { renderDelivery } from './__testUtils__/renderDelivery';

const WAIT = { timeout: 30_000 };

function deliveryApi() {
  return new FakeGitopsApi({
    environments: deliveryEnvironments,
    productDetails: [paymentsDetail],
    diffs: [paymentsStagingToProduction],
    // The storefront release is another product's: the Delivery tab of payments never lists it.
    releases: {
      releases: [waitingRelease(), failedRelease(), succeededRelease()],
    },
  });
}

describe('Promote and releases on the Delivery tab', () => {
  it('lists the product’s releases and promotes along the environment order, refreshing the list', async () => {
    const api = deliveryApi();
    renderDelivery(api);

    // Only this product's releases, newest first; without a Slipway page the names are not links.
    const releases = await screen
      .findByRole('table', {}, WAIT)
      .then(() => screen.findByTitle('Release rel-0003', {}, WAIT));
    expect(releases.closest('tr')).toHaveTextContent('Waiting');
    expect(
      screen.getByTitle('Release rel-0001').closest('tr'),
    ).toHaveTextContent('Succeeded');
    expect(screen.queryByTitle('Release rel-0002')).not.toBeInTheDocument();

    const bar = screen.getByLabelText('Promote');
    expect(
      within(bar)
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      'Promote Development → Staging',
      'Promote Staging → Production',
    ]);
    expect(
      within(bar).getByRole('button', {
        name: 'Promote Development → Staging',
      }),
    ).toHaveTextContent('(1.5.0)');

    await userEvent.click(
      within(bar).getByRole('button', {
        name: 'Promote Development → Staging',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Promote Payments: Development → Staging',
    });
    await userEvent.click(
      await within(dialog).findByRole('button', { name: 'Preview' }, WAIT),
    );
    const changes = await within(dialog).findByRole(
      'region',
      { name: 'Changes to payments-api-staging' },
      WAIT,
    );
    expect(
      within(changes).getByLabelText(
        'Diff of apps/payments-api-staging/Chart.yaml',
      ),
    ).toHaveTextContent('+appVersion: 1.5.0');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Promote' }),
    );

    // No Slipway page to open: the dialog says the release started, and the list shows it at once.
    expect(
      await within(dialog).findByText('Release rel-0004 started.', {}, WAIT),
    ).toBeInTheDocument();
    expect(
      (await screen.findByTitle('Release rel-0004', {}, WAIT)).closest('tr'),
    ).toHaveTextContent('Queued');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  }, 90_000);

  it('links each release to its page when the app mounts the Slipway page', async () => {
    renderDelivery(deliveryApi(), { slipwayPage: true });
    expect(
      await screen.findByTitle('Release rel-0003', {}, WAIT),
    ).toHaveAttribute('href', '/gitops/releases/rel-0003');
  });
});
