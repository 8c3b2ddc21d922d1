import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { LocationDisplay } from '../../__testUtils__/LocationDisplay';
import {
  deliveryEnvironments,
  paymentsSummary,
  searchSummary,
} from '../../__testUtils__/deliveryFixtures';
import {
  DEFINITIONS,
  emptyDora,
  paymentsDora,
} from '../../__testUtils__/insightsFixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { InsightsPage } from './InsightsPage';

function insightsApi(
  overrides: ConstructorParameters<typeof FakeGitopsApi>[0] = {},
) {
  return new FakeGitopsApi({
    environments: deliveryEnvironments,
    products: [paymentsSummary, searchSummary],
    dora: paymentsDora,
    ...overrides,
  });
}

async function renderInsights(api: FakeGitopsApi, initialRoute?: string) {
  await renderWithGitops(
    <>
      <InsightsPage />
      <LocationDisplay />
    </>,
    { api, initialRoute },
  );
}

const tile = (name: string) => screen.getByRole('group', { name });
const search = () => screen.getByTestId('location-search').textContent ?? '';

describe('Insights page', () => {
  it('shows the four DORA keys as figures with their band and definition', async () => {
    await renderInsights(insightsApi());

    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(within(frequency).getByText('3 per week')).toBeInTheDocument();
    expect(within(frequency).getByText('High')).toBeInTheDocument();
    expect(
      within(frequency).getByText('6 successful deployments'),
    ).toBeInTheDocument();
    expect(
      within(frequency).getByText(DEFINITIONS.deploymentFrequency),
    ).toBeInTheDocument();

    const lead = tile('Lead time for changes');
    expect(within(lead).getByText('1.5 h')).toBeInTheDocument();
    expect(
      within(lead).getByText('median; p90 2 days; 9 commits'),
    ).toBeInTheDocument();
    expect(within(lead).getByText('Elite')).toBeInTheDocument();

    const failures = tile('Change failure rate');
    expect(within(failures).getByText('14.3 %')).toBeInTheDocument();
    expect(within(failures).getByText('Medium')).toBeInTheDocument();
    expect(
      within(failures).getByText('1 of 7 deployments failed (window 24 h)'),
    ).toBeInTheDocument();
    expect(
      within(failures).getByText(DEFINITIONS.changeFailureRate),
    ).toBeInTheDocument();

    const restore = tile('Time to restore');
    expect(within(restore).getByText('45 min')).toBeInTheDocument();
    expect(within(restore).getByText('Elite')).toBeInTheDocument();
    expect(
      within(restore).getByText('median of 1 incident'),
    ).toBeInTheDocument();

    // One chart per key, one point per bucket.
    expect(
      screen.getByRole('figure', { name: 'Deployment frequency per week' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Change failure rate, week of 2026-03-02: 33.3 %, 1 of 3 failed',
      }),
    ).toBeInTheDocument();
  });

  it('says there were no production deployments instead of showing zeros', async () => {
    await renderInsights(insightsApi({ dora: emptyDora }));
    expect(
      await screen.findByText('No production deployments in this range'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/per month/)).not.toBeInTheDocument();
    expect(screen.queryByText('Low')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Deployment frequency' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error the backend answered', async () => {
    await renderInsights(insightsApi({ dora: undefined }));
    expect(
      await screen.findByText(/^Error: No delivery repository is configured/),
    ).toBeInTheDocument();
  });

  it('lists the deployments behind a clicked point, and keeps the point in the URL', async () => {
    const api = insightsApi();
    await renderInsights(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Deployment frequency, week of 2026-03-09: 4 deployments',
      }),
    );

    const table = await screen.findByRole('table', {
      name: 'Deployments behind Deployment frequency, 2026-03-09',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[3].textContent),
    ).toEqual(['1.6.0', '1.7.0', '1.8.0', '1.9.0']);
    expect(
      within(rows[0]).getByRole('link', { name: 'rel-160' }),
    ).toHaveAttribute('href', '/gitops/releases/rel-160');
    expect(within(rows[1]).getByText('Outside Slipway')).toBeInTheDocument();
    expect(within(rows[3]).getByText('pay-worker')).toBeInTheDocument();
    expect(search()).toContain('point=deploymentFrequency%3A2026-03-09');
    expect(api.doraRequests.at(-1)).toMatchObject({
      deployments: '2026-03-09',
    });

    // A change failure point lists the changes counted, each failed or not.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Change failure rate, week of 2026-03-02: 33.3 %, 1 of 3 failed',
      }),
    );
    const failures = await screen.findByRole('table', {
      name: 'Deployments behind Change failure rate, 2026-03-02',
    });
    expect(
      within(failures)
        .getAllByRole('row')
        .slice(1)
        .map(r => {
          const cells = within(r).getAllByRole('cell');
          return [
            cells[3].textContent,
            cells[7].textContent,
            cells[8].textContent,
          ];
        }),
    ).toEqual([
      ['1.3.0', 'Rolled back', 'Yes'],
      ['1.4.0', 'Healthy', 'No'],
      ['1.5.0', 'Healthy', 'No'],
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Close the deployments' }),
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(search()).not.toContain('point=');
  });

  it('writes the filters to the URL and asks the backend with them', async () => {
    const api = insightsApi();
    await renderInsights(api);
    await screen.findByRole('group', { name: 'Deployment frequency' });

    await userEvent.selectOptions(screen.getByLabelText('Product'), 'payments');
    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/payments-team',
    );
    // Only production-tier environments are offered.
    expect(
      within(screen.getByLabelText('Environment'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'production']);
    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'production',
    );
    await userEvent.selectOptions(screen.getByLabelText('Per'), 'day');
    await userEvent.type(screen.getByLabelText('From'), '2026-03-01');

    await waitFor(() =>
      expect(new URLSearchParams(search())).toEqual(
        new URLSearchParams({
          product: 'payments',
          owner: 'group:default/payments-team',
          environment: 'production',
          bucket: 'day',
          from: '2026-03-01',
        }),
      ),
    );
    await waitFor(() =>
      expect(api.doraRequests.at(-1)).toMatchObject({
        product: 'payments',
        owner: 'group:default/payments-team',
        environment: 'production',
        bucket: 'day',
        from: '2026-03-01',
        timeZone: expect.any(String),
      }),
    );
  });

  it('reads the filters from a shared link, selected point included', async () => {
    const api = insightsApi();
    await renderInsights(
      api,
      '/gitops/insights?product=payments&from=2026-03-02&to=2026-03-16&bucket=week&point=timeToRestore:2026-03-02',
    );
    expect(await screen.findByLabelText('Product')).toHaveValue('payments');
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-02');
    const table = await screen.findByRole('table', {
      name: 'Deployments behind Time to restore, 2026-03-02',
    });
    expect(
      within(table).getByRole('link', { name: 'rel-rollback (rollback)' }),
    ).toBeInTheDocument();
    expect(api.doraRequests[0]).toMatchObject({
      product: 'payments',
      from: '2026-03-02',
      to: '2026-03-16',
      bucket: 'week',
    });
  });
});
