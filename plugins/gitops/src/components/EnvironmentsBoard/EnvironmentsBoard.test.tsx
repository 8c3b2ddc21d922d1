import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../../api';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { LocationDisplay } from '../../__testUtils__/LocationDisplay';
import {
  brokenConfig,
  deliveryEnvironments,
  manyEnvironments,
  manyProducts,
  paymentsSummary,
  searchSummary,
  storefrontSummary,
  unassignedApplication,
} from '../../__testUtils__/deliveryFixtures';
import { prodTimeout } from '../../__testUtils__/fixtures';
import { EnvironmentsBoard } from './EnvironmentsBoard';

function boardApi(overrides: Partial<FakeGitopsApi> = {}) {
  return Object.assign(
    new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary, searchSummary, storefrontSummary],
      unassigned: [unassignedApplication],
    }),
    overrides,
  );
}

function renderBoard(
  api: FakeGitopsApi,
  initialRoute = '/gitops/environments',
) {
  return renderInTestApp(
    <>
      <EnvironmentsBoard />
      <LocationDisplay />
    </>,
    {
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [initialRoute],
    },
  );
}

const card = (product: string, environment: string) =>
  screen.getByRole('cell', { name: `${product} in ${environment}` });

const productRows = () =>
  screen
    .getAllByRole('row')
    .filter(
      r => within(r).queryByRole('rowheader') && r.getAttribute('aria-label'),
    );

describe('EnvironmentsBoard', () => {
  it('shows a column per environment in order, production marked, with the health of each', async () => {
    renderBoard(boardApi());
    await screen.findByRole('table', { name: 'Environments board' });
    const headers = screen
      .getAllByRole('columnheader')
      .slice(1)
      .map(h => h.getAttribute('aria-label'));
    expect(headers).toEqual(['Development', 'Staging', 'Production']);

    const production = screen.getByRole('columnheader', { name: 'Production' });
    expect(
      within(production).getByText('Production', {
        selector: 'span[class*="tierBadge"]',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('columnheader', { name: 'Staging' })).queryByText(
        'Production',
      ),
    ).not.toBeInTheDocument();
    expect(
      within(
        screen.getByRole('columnheader', { name: 'Staging' }),
      ).getByLabelText('Application health: 6 Healthy, 1 Degraded'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('columnheader', { name: 'Staging' })).getByText(
        '3 products · 1 out of sync',
      ),
    ).toBeInTheDocument();
  });

  it('shows each product card with its version, health, sync and drift, and links to the Delivery tab', async () => {
    renderBoard(boardApi());
    await screen.findByRole('table', { name: 'Environments board' });

    const prod = card('Payments', 'Production');
    expect(within(prod).getByText('1.4.2')).toBeInTheDocument();
    expect(within(prod).getByText('Healthy')).toBeInTheDocument();
    expect(within(prod).getByText('Synced')).toBeInTheDocument();
    expect(within(prod).queryByText('Drift')).not.toBeInTheDocument();

    // Staging apps disagree: the card says so instead of picking one version.
    const staging = card('Payments', 'Staging');
    expect(within(staging).getByText('2 versions')).toHaveAttribute(
      'title',
      'Applications run different versions: 1.4.3, 1.4.2',
    );
    expect(within(staging).getByText('Degraded')).toBeInTheDocument();
    expect(within(staging).getByText('Out of sync')).toBeInTheDocument();
    expect(within(staging).getByText('Drift')).toBeInTheDocument();

    expect(
      within(card('Search', 'Production')).getByText('Not deployed'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments/delivery',
    );
    // A product naming no entity has nowhere to link to.
    expect(
      screen.queryByRole('link', { name: 'Search' }),
    ).not.toBeInTheDocument();
  });

  it('filters by product text, owner and health, keeps the filters in the URL and reads them back', async () => {
    renderBoard(boardApi());
    await screen.findByRole('table', { name: 'Environments board' });
    expect(productRows()).toHaveLength(3);

    await userEvent.type(screen.getByLabelText('Filter products'), 'pay');
    await waitFor(() => expect(productRows()).toHaveLength(1));
    expect(productRows()[0]).toHaveAttribute('aria-label', 'Payments');
    expect(screen.getByTestId('location-search')).toHaveTextContent('q=pay');
    await userEvent.clear(screen.getByLabelText('Filter products'));
    await waitFor(() => expect(productRows()).toHaveLength(3));

    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/storefront-team',
    );
    expect(productRows().map(r => r.getAttribute('aria-label'))).toEqual([
      'Storefront',
    ]);
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      'owner=group%3Adefault%2Fstorefront-team',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Health'),
      'Progressing',
    );
    expect(productRows().map(r => r.getAttribute('aria-label'))).toEqual([
      'Search',
    ]);
    expect(screen.getByText('Products (1 of 3)')).toBeInTheDocument();
  });

  it('opens with the filters of a shared link', async () => {
    renderBoard(
      boardApi(),
      '/gitops/environments?health=Degraded&view=detailed',
    );
    await screen.findByRole('table', { name: 'Environments board' });
    expect(productRows().map(r => r.getAttribute('aria-label'))).toEqual([
      'Payments',
    ]);
    expect(screen.getByLabelText('Health')).toHaveValue('Degraded');
    expect(
      screen.getByRole('button', { name: 'Detailed view' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('switches between compact and detailed cards', async () => {
    renderBoard(boardApi());
    await screen.findByRole('table', { name: 'Environments board' });
    expect(
      within(card('Payments', 'Staging')).queryByText('3 applications'),
    ).not.toBeInTheDocument();
    const paymentsRow = () => screen.getByRole('row', { name: 'Payments' });
    expect(
      within(paymentsRow()).queryByText('payments-team'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Detailed view' }),
    );
    expect(
      within(card('Payments', 'Staging')).getByText('3 applications'),
    ).toBeInTheDocument();
    expect(
      within(card('Payments', 'Staging')).getByText('1.4.3 · 1.4.2'),
    ).toBeInTheDocument();
    expect(
      within(paymentsRow()).getByText('payments-team'),
    ).toBeInTheDocument();
    expect(
      within(paymentsRow()).getByText(/Card captures, refunds/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      'view=detailed',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Compact view' }));
    expect(
      within(card('Payments', 'Staging')).queryByText('3 applications'),
    ).not.toBeInTheDocument();
  });

  it('lists applications nothing claims in their own group, under their environment', async () => {
    renderBoard(boardApi());
    const group = await screen.findByRole('region', {
      name: 'Unassigned applications (1)',
    });
    const staging = within(group).getByRole('list', {
      name: 'Unassigned in Staging',
    });
    expect(within(staging).getByText('legacy-reports')).toBeInTheDocument();
    expect(
      within(staging).getByText(/no product claims it/),
    ).toBeInTheDocument();
  });

  it('shows delivery config problems and failed runtimes above the valid products', async () => {
    const api = boardApi({ configStatus: brokenConfig, errors: [prodTimeout] });
    renderBoard(api);
    expect(
      await screen.findByText('Delivery configuration problems: 1 error'),
    ).toBeInTheDocument();
    const problems = screen.getByRole('list', {
      name: 'Delivery configuration problems',
    });
    expect(
      within(problems).getByText(/must start with \$/),
    ).toBeInTheDocument();
    expect(
      within(problems).getByText('spec.versionSource.path'),
    ).toBeInTheDocument();
    expect(
      within(problems).getByRole('link', { name: 'products/checkout.yaml' }),
    ).toHaveAttribute(
      'href',
      `https://github.com/slipway-sandbox/delivery/blob/${brokenConfig.commit}/products/checkout.yaml`,
    );
    expect(screen.getByText('Runtime not answering: prod')).toBeInTheDocument();
    expect(card('Payments', 'Production')).toBeInTheDocument();
  });

  it('names a sandbox delivery repository without linking it', async () => {
    const api = boardApi({
      configStatus: {
        ...brokenConfig,
        repository: 'file:///tmp/sandbox/repos/delivery.git',
      },
    });
    renderBoard(api);
    const problems = await screen.findByRole('list', {
      name: 'Delivery configuration problems',
    });
    expect(within(problems).getByText('products/checkout.yaml').tagName).toBe(
      'CODE',
    );
    expect(within(problems).queryByRole('link')).not.toBeInTheDocument();
  });

  it('says what to do when no environment is defined', async () => {
    renderBoard(new FakeGitopsApi());
    expect(
      await screen.findByText('No environments defined'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when the board cannot be loaded', async () => {
    const api = boardApi();
    jest
      .spyOn(api, 'getProducts')
      .mockRejectedValue(new Error('gitops.product.read denied'));
    renderBoard(api);
    expect(
      (await screen.findAllByText(/gitops.product.read denied/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Environments board' }),
    ).not.toBeInTheDocument();
  });

  it('renders a board of 500 products across 5 environments', async () => {
    const environments = manyEnvironments(5);
    const api = new FakeGitopsApi({
      environments,
      products: manyProducts(500, environments),
    });
    const { container } = renderBoard(api);
    await screen.findByText('Products (500)');
    // Plain selectors: role queries over thousands of cells are slow in jsdom.
    expect(
      container.querySelectorAll('[role="row"][aria-label^="Product "]'),
    ).toHaveLength(500);
    expect(container.querySelectorAll('[role="cell"]')).toHaveLength(2500);
    expect(
      container.querySelector(
        '[role="cell"][aria-label="Product 499 in Production"]',
      ),
    ).toHaveTextContent(/\d+\.4\.9/);
  });
});
