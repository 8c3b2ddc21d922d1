import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../../api';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsSummary,
  searchSummary,
} from '../../__testUtils__/deliveryFixtures';
import { ProductsView } from './ProductsView';

describe('ProductsView', () => {
  it('lists products with owner, version per environment and health, linked to their Delivery tab', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary, searchSummary],
    });
    await renderInTestApp(<ProductsView />, {
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const link = await screen.findByRole('link', { name: 'Payments' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/system/payments/delivery',
    );
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('payments-team')).toBeInTheDocument();
    expect(within(row).getByText('1.5.0')).toBeInTheDocument();
    expect(within(row).getByText('mixed: 1.4.3, 1.4.2')).toBeInTheDocument();
    expect(within(row).getByText('1.4.2')).toBeInTheDocument();
    expect(within(row).getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Production' }),
    ).toBeInTheDocument();

    const search = screen.getByText('Search').closest('tr') as HTMLElement;
    expect(within(search).getByText('Not deployed')).toBeInTheDocument();
    expect(within(search).getByText('Progressing')).toBeInTheDocument();
  });

  it('says so when the delivery repository defines no product', async () => {
    const api = new FakeGitopsApi({ environments: deliveryEnvironments });
    await renderInTestApp(<ProductsView />, {
      apis: [[gitopsApiRef, api], mockApis.permission()],
    });
    expect(await screen.findByText('No products yet')).toBeInTheDocument();
  });
});
