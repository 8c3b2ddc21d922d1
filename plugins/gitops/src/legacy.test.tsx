import {
  MockPermissionApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { FakeGitopsApi } from './__testUtils__/FakeGitopsApi';
import { nonprodRuntime, prodRuntime } from './__testUtils__/fixtures';
import {
  deliveryEnvironments,
  paymentsDetail,
  paymentsSummary,
  paymentsSystem,
} from './__testUtils__/deliveryFixtures';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { GitopsPage } from './components/GitopsPage';
import { EntityDeliveryCard, gitopsApiRef, gitopsPlugin } from './legacy';
import { rootRouteRef } from './routes';

describe('legacy exports', () => {
  it('renders the Delivery card of an entity in a legacy app', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      productDetails: [paymentsDetail],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[gitopsApiRef, api]]}>
        <EntityProvider entity={paymentsSystem}>
          <EntityDeliveryCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('table', { name: 'Versions per environment' }),
    ).toHaveTextContent('Production1.4.2');
  });

  it('declares the plugin with the Slipway API factory', () => {
    expect(gitopsPlugin.getId()).toBe('gitops');
    expect([...gitopsPlugin.getApis()].map(f => f.api.id)).toEqual([
      'plugin.gitops.api',
    ]);
  });

  // The routable extension itself needs an app's route collection; its page component is what it lazy-loads.
  it('renders the Slipway page with its tabs in a legacy app', async () => {
    const api = new FakeGitopsApi({
      runtimes: [nonprodRuntime, prodRuntime],
      environments: deliveryEnvironments,
      products: [paymentsSummary],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [gitopsApiRef, api],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <GitopsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/gitops': rootRouteRef } },
    );

    // The environments board is the first tab.
    expect(
      await screen.findByRole('cell', { name: 'Payments in Production' }),
    ).toHaveTextContent('1.4.2');
    expect(
      screen.getByRole('tab', { name: 'Environments' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Runtimes' })).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Applications' }),
    ).toBeInTheDocument();
  });
});
