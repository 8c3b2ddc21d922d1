import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { LocationDisplay } from '../../__testUtils__/LocationDisplay';
import {
  applications,
  nonprodRuntime,
  paymentsStagingDetail,
  prodRuntime,
  prodTimeout,
} from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { ApplicationsView } from './ApplicationsView';

const page = (
  <>
    <ApplicationsView />
    <LocationDisplay />
  </>
);

function makeApi() {
  return new FakeGitopsApi({
    runtimes: [nonprodRuntime, prodRuntime],
    applications,
    details: [paymentsStagingDetail],
  });
}

const appNames = () =>
  screen
    .getAllByRole('row')
    .map(row =>
      within(row).queryByRole('button', { name: /-(dev|staging|prod)$/ }),
    )
    .filter(Boolean)
    .map(button => button!.textContent);

describe('ApplicationsView', () => {
  it('lists applications with health, sync, short revision and images', async () => {
    await renderWithGitops(page, { api: makeApi() });

    await screen.findByText('Applications (3)');
    expect(appNames()).toEqual([
      'payments-api-dev',
      'payments-api-staging',
      'checkout-web-dev',
    ]);
    const staging = screen.getByText('payments-api-staging').closest('tr')!;
    expect(within(staging).getByText('Degraded')).toBeInTheDocument();
    expect(within(staging).getByText('Out of sync')).toBeInTheDocument();
    expect(within(staging).getByText('8e1d0c9')).toBeInTheDocument();
    expect(within(staging).getByText('payments-api:1.4.1')).toBeInTheDocument();
    const checkout = screen.getByText('checkout-web-dev').closest('tr')!;
    expect(within(checkout).getByText('Synced · syncing')).toBeInTheDocument();
  });

  it('filters by health and keeps the filter in the URL', async () => {
    const api = makeApi();
    const getApplications = jest.spyOn(api, 'getApplications');
    await renderWithGitops(page, { api });
    await screen.findByText('Applications (3)');

    await userEvent.selectOptions(screen.getByLabelText('Health'), 'Degraded');

    await screen.findByText('Applications (1)');
    expect(appNames()).toEqual(['payments-api-staging']);
    expect(getApplications).toHaveBeenLastCalledWith({ health: 'Degraded' });
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      'health=Degraded',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await screen.findByText('Applications (3)');
    expect(screen.getByTestId('location-search')).toBeEmptyDOMElement();
  });

  it('searches names and commit messages', async () => {
    await renderWithGitops(page, { api: makeApi() });
    await screen.findByText('Applications (3)');

    await userEvent.type(
      screen.getByLabelText('Search applications'),
      'basket',
    );

    await screen.findByText('Applications (1)');
    expect(appNames()).toEqual(['checkout-web-dev']);
    expect(screen.getByTestId('location-search')).toHaveTextContent('q=basket');
  });

  it('filters by environment', async () => {
    await renderWithGitops(page, { api: makeApi() });
    await screen.findByText('Applications (3)');

    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'staging',
    );

    await screen.findByText('Applications (1)');
    expect(appNames()).toEqual(['payments-api-staging']);
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      'environment=staging',
    );
  });

  it('restores filters from a shared link', async () => {
    const api = makeApi();
    const getApplications = jest.spyOn(api, 'getApplications');
    await renderWithGitops(page, {
      api,
      initialRoute: '/?product=payments&sync=OutOfSync',
    });

    await screen.findByText('Applications (1)');
    expect(appNames()).toEqual(['payments-api-staging']);
    expect(getApplications).toHaveBeenCalledWith({
      product: 'payments',
      sync: 'OutOfSync',
    });
    expect(screen.getByLabelText('Product')).toHaveValue('payments');
    expect(screen.getByLabelText('Sync')).toHaveValue('OutOfSync');
  });

  it('names the runtimes that failed and still lists what the others answered', async () => {
    const api = makeApi();
    api.errors = [prodTimeout];
    await renderWithGitops(page, { api });

    expect(
      await screen.findByText('Runtime not answering: prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Argo CD did not answer within 5000 ms/),
    ).toBeInTheDocument();
    expect(screen.getByText('Applications (3)')).toBeInTheDocument();
  });

  it('opens the drawer of a clicked application and records it in the URL', async () => {
    await renderWithGitops(page, { api: makeApi() });
    await userEvent.click(
      await screen.findByRole('button', { name: 'payments-api-staging' }),
    );

    const drawer = await screen.findByRole('presentation');
    expect(
      await within(drawer).findByRole('heading', {
        name: 'payments-api-staging',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      'app=nonprod%2Fargocd%2Fpayments-api-staging',
    );

    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toBeEmptyDOMElement(),
    );
  });

  it('says when nothing matches the filters', async () => {
    await renderWithGitops(page, {
      api: makeApi(),
      initialRoute: '/?health=Missing',
    });
    expect(
      await screen.findByText('No applications match these filters.'),
    ).toBeInTheDocument();
  });
});
