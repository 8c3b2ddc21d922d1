import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  applications,
  nonprodRuntime,
  prodRuntime,
  prodTimeout,
} from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { RuntimeHealthCard } from './RuntimeHealthCard';

function component(product: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `${product}-api`,
      annotations: { 'slipway.dev/product': product },
    },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

describe('RuntimeHealthCard', () => {
  it("lists the runtimes running the product's apps, and runtimes that did not answer", async () => {
    const api = new FakeGitopsApi({
      runtimes: [nonprodRuntime, prodRuntime],
      applications,
      errors: [prodTimeout],
    });
    const getApplications = jest.spyOn(api, 'getApplications');
    await renderWithGitops(
      <EntityProvider entity={component('payments')}>
        <RuntimeHealthCard />
      </EntityProvider>,
      { api },
    );

    const nonprod = (await screen.findByText('Non-production')).closest('tr')!;
    expect(within(nonprod).getByText('Online')).toBeInTheDocument();
    expect(
      within(nonprod).getByLabelText(
        'Application health: 1 Healthy, 1 Degraded',
      ),
    ).toBeInTheDocument();
    expect(within(nonprod).getByText('1 out of sync')).toBeInTheDocument();

    const prod = screen.getByText('Production').closest('tr')!;
    expect(within(prod).getByText('Offline')).toBeInTheDocument();
    expect(
      within(prod).getByText(/Not answering \(timeout\)/),
    ).toBeInTheDocument();
    expect(getApplications).toHaveBeenCalledWith({ product: 'payments' });
    expect(screen.getByText('View applications').closest('a')).toHaveAttribute(
      'href',
      '/gitops/applications?product=payments',
    );
  });

  it('explains how apps join a product when none is found', async () => {
    const api = new FakeGitopsApi({ runtimes: [nonprodRuntime], applications });
    await renderWithGitops(
      <EntityProvider entity={component('billing')}>
        <RuntimeHealthCard />
      </EntityProvider>,
      { api },
    );
    expect(
      await screen.findByText(/No runtime runs applications of product/),
    ).toBeInTheDocument();
  });
});
