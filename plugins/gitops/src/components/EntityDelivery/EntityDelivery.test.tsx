import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../../api';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  brokenConfig,
  deliveryEnvironments,
  paymentsDetail,
  paymentsStagingToProduction,
} from '../../__testUtils__/deliveryFixtures';
import { paymentsStaging, prodTimeout } from '../../__testUtils__/fixtures';
import { EntityDeliveryCard } from './EntityDeliveryCard';
import { EntityDeliveryContent } from './EntityDeliveryContent';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'slipway.dev/product': 'payments' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments-team',
    lifecycle: 'production',
  },
};

function deliveryApi(overrides: Partial<FakeGitopsApi> = {}) {
  return Object.assign(
    new FakeGitopsApi({
      environments: deliveryEnvironments,
      productDetails: [paymentsDetail],
      diffs: [paymentsStagingToProduction],
      // The staging app's source is on GitHub, so its revision links to the commit.
      applications: [{ ...paymentsStaging, namespace: 'argocd' }],
    }),
    overrides,
  );
}

function renderEntity(
  element: JSX.Element,
  api: FakeGitopsApi,
  entity = paymentsApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const cell = (name: string) => screen.getByRole('cell', { name });

describe('EntityDeliveryContent', () => {
  it('shows the environment matrix: a row per component, a column per environment, with version, health, sync, drift and revision', async () => {
    renderEntity(<EntityDeliveryContent />, deliveryApi());
    const matrix = await screen.findByRole('table', {
      name: 'Environment matrix',
    });
    const headers = within(matrix)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Component',
      'Development',
      'Staging',
      'Production',
    ]);

    const staging = cell('payments-api in Staging');
    expect(within(staging).getByText('1.4.3')).toBeInTheDocument();
    expect(within(staging).getByText('Degraded')).toBeInTheDocument();
    expect(within(staging).getByText('Out of sync')).toBeInTheDocument();
    expect(within(staging).getByText('Drift')).toBeInTheDocument();
    expect(
      within(staging).getByRole('link', { name: '8e1d0c9' }),
    ).toHaveAttribute(
      'href',
      'https://github.com/slipway-sandbox/app-manifests/commit/8e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291',
    );

    const production = cell('payments-api in Production');
    expect(within(production).getByText('1.4.2')).toBeInTheDocument();
    expect(within(production).getByText('Healthy')).toBeInTheDocument();
    expect(within(production).queryByText('Drift')).not.toBeInTheDocument();
    // No source repository known for this app: the short SHA without a link.
    expect(within(production).getByText('a1b2c3d')).toBeInTheDocument();
    expect(within(production).queryByRole('link')).not.toBeInTheDocument();

    expect(
      within(cell('payments-worker in Staging')).getByText('1.4.2'),
    ).toBeInTheDocument();
  });

  it('compares the last two environments by default, highlights differences, and compares others on request', async () => {
    const api = deliveryApi({
      diffs: [
        paymentsStagingToProduction,
        {
          ...paymentsStagingToProduction,
          from: 'dev',
          to: 'staging',
          differences: 0,
          components: [],
        },
      ],
    });
    renderEntity(<EntityDeliveryContent />, api);
    const diff = await screen.findByRole('table', { name: 'Environment diff' });
    expect(
      screen.getByText('2 values differ between Staging and Production.'),
    ).toBeInTheDocument();
    const tag = within(diff).getByRole('row', {
      name: 'payments-api values.yaml $.image.tag differs',
    });
    expect(
      within(tag)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['payments-api', 'values.yaml', '$.image.tag', '1.4.3', '1.4.2']);
    expect(
      within(diff).getByRole('row', {
        name: 'payments-worker values.yaml $.image.tag',
      }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('From'), 'dev');
    await userEvent.selectOptions(screen.getByLabelText('To'), 'staging');
    expect(
      await screen.findByText(
        'Staging has every promotable value of Development.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the delivery config problems of the product and keeps its valid state', async () => {
    const api = deliveryApi({
      configStatus: {
        ...brokenConfig,
        problems: [
          {
            file: 'products/payments.yaml',
            path: 'spec.flows[0]',
            message: "flow 'fast' is not defined",
            severity: 'warning',
          },
          {
            file: 'products/checkout.yaml',
            path: '',
            message: 'not YAML',
            severity: 'error',
          },
        ],
      },
      errors: [prodTimeout],
    });
    renderEntity(<EntityDeliveryContent />, api);
    expect(
      await screen.findByText('Delivery configuration problems: 1 warning'),
    ).toBeInTheDocument();
    expect(screen.getByText(/flow 'fast' is not defined/)).toBeInTheDocument();
    expect(screen.queryByText(/not YAML/)).not.toBeInTheDocument();
    expect(screen.getByText('Runtime not answering: prod')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Environment matrix' }),
    ).toBeInTheDocument();
  });

  it('says when the product is not defined, with the config problems that may be why', async () => {
    const api = deliveryApi({
      productDetails: [],
      configStatus: {
        ...brokenConfig,
        problems: [
          {
            file: 'products/payments.yaml',
            path: 'spec.owner',
            message: 'is required',
            severity: 'error',
          },
        ],
      },
    });
    renderEntity(<EntityDeliveryContent />, api);
    expect(
      await screen.findByText('Product payments is not defined'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText(/is required/)).toBeInTheDocument(),
    );
  });
});

describe('EntityDeliveryCard', () => {
  it('shows the version in each environment and links to the Delivery tab', async () => {
    renderEntity(<EntityDeliveryCard />, deliveryApi());
    const table = await screen.findByRole('table', {
      name: 'Versions per environment',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toEqual([
      'Development1.5.0',
      'Staging' + 'mixed: 1.4.3, 1.4.2drift',
      'Production1.4.2',
    ]);
    expect(screen.getByRole('link', { name: /View delivery/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/delivery',
    );
  });
});
