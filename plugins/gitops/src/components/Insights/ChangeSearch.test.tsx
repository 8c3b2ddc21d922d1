import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { LocationDisplay } from '../../__testUtils__/LocationDisplay';
import { paymentsSystem } from '../../__testUtils__/deliveryFixtures';
import {
  emptyDora,
  paymentsDora,
  pay123,
} from '../../__testUtils__/insightsFixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { ChangeSearch } from './ChangeSearch';
import { ProductDoraCard } from './ProductDoraCard';

describe('Where is my change?', () => {
  it('answers per environment: deployed or not, since when, by which release', async () => {
    await renderWithGitops(
      <>
        <ChangeSearch />
        <LocationDisplay />
      </>,
      { api: new FakeGitopsApi({ changes: [pay123] }) },
    );
    await userEvent.type(
      screen.getByLabelText('Issue key, commit, author or image tag'),
      'PAY-123{Enter}',
    );

    const table = await screen.findByRole('table', {
      name: 'Where the change runs in payments',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell'));
    expect(
      rows.map(cells => [cells[0].textContent, cells[1].textContent]),
    ).toEqual([
      ['staging', 'Deployed'],
      ['production', 'Deployed'],
      ['production-us', 'Not deployed'],
    ]);
    expect(rows[0][3]).toHaveTextContent('outside Slipway');
    expect(
      within(rows[1][3]).getByRole('link', { name: 'rel-180' }),
    ).toHaveAttribute('href', '/gitops/releases/rel-180');
    expect(rows[1][2].querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-03-11T09:05:00Z',
    );
    expect(rows[1][4]).toHaveTextContent('1.8.0');
    expect(rows[2][2]).toHaveTextContent('—');
    expect(screen.getByText(/read as issue key/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'payments 1.8.0 (succeeded)' }),
    ).toHaveAttribute('href', '/gitops/releases/rel-180');
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?change=PAY-123',
    );
  });

  it('says when nothing names the change', async () => {
    await renderWithGitops(<ChangeSearch />, {
      api: new FakeGitopsApi({ changes: [pay123] }),
      initialRoute: '/gitops/insights?change=nowhere-42',
    });
    expect(
      await screen.findByText(/No release notes or production history name/),
    ).toHaveTextContent('“nowhere-42”');
  });
});

describe('DORA card of a product', () => {
  it('shows the four keys of the last 30 days with bands and links to Insights filtered on the product', async () => {
    const api = new FakeGitopsApi({ dora: paymentsDora });
    await renderWithGitops(
      <EntityProvider entity={paymentsSystem}>
        <ProductDoraCard product="payments" />
      </EntityProvider>,
      { api },
    );
    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(within(frequency).getByText('3 per week')).toBeInTheDocument();
    expect(within(frequency).getByText('High')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Change failure rate' }),
      ).getByText('14.3 %'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('How time to restore is measured'),
    ).toBeInTheDocument();

    const [request] = api.doraRequests;
    expect(request.product).toBe('payments');
    const days = (Date.now() - Date.parse(request.from!)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const link = screen.getByRole('link', { name: /Open in Insights/ });
    expect(link).toHaveAttribute(
      'href',
      `/gitops/insights?product=payments&from=${request.from!.slice(0, 10)}`,
    );
  });

  it('says when the product has no production deployments', async () => {
    await renderWithGitops(<ProductDoraCard product="payments" />, {
      api: new FakeGitopsApi({ dora: emptyDora }),
    });
    expect(
      await screen.findByText(
        'No production deployments of payments in the last 30 days, so there is nothing to measure yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Low')).not.toBeInTheDocument();
  });
});
