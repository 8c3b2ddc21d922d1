import { screen, within } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsDetail,
  paymentsSystem,
} from '../../__testUtils__/deliveryFixtures';
import {
  alicePromotion,
  auditEvents,
  engineEvents,
} from '../AuditView/__testUtils__/auditEvents';
import { renderAudit } from '../AuditView/__testUtils__/renderAudit';
import { EntityDeliveryContent } from './EntityDeliveryContent';
import { ProductAuditSection } from './ProductAuditSection';

const eventIds = (table: HTMLElement) =>
  within(table)
    .getAllByTestId('audit-row')
    .map(r => r.getAttribute('data-event-id'));

describe('ProductAuditSection', () => {
  it("lists the product's last ten events, newest first, and links to the audit log filtered by it", async () => {
    const api = new FakeGitopsApi({
      // Checkout's commit is newer than most payments events but is not shown.
      auditEvents: [...auditEvents, ...engineEvents(15)],
    });
    await renderAudit(<ProductAuditSection product="payments" />, { api });

    const table = await screen.findByRole('table', { name: 'Recent activity' });
    expect(eventIds(table)).toEqual([
      'evt-0003',
      'evt-0002',
      ...engineEvents(8).map(e => e.id),
    ]);
    const latest = within(table).getAllByTestId('audit-row')[0];
    expect(within(latest).getByText('promotion.create')).toBeInTheDocument();
    expect(within(latest).getByText('production')).toBeInTheDocument();
    expect(
      within(latest).getByRole('link', { name: /^3f9a1c0/ }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/delivery/commit/${alicePromotion.commitSha}`,
    );
    expect(
      screen.getByRole('link', { name: /Open the audit log/ }),
    ).toHaveAttribute('href', '/gitops/audit?product=payments');
  });

  it('says when the product has no recorded activity', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    await renderAudit(<ProductAuditSection product="inventory" />, { api });
    expect(
      await screen.findByText('No recorded activity for inventory yet.'),
    ).toBeInTheDocument();
  });

  it("is part of the product's Delivery tab", async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      productDetails: [paymentsDetail],
      auditEvents,
    });
    await renderAudit(
      <EntityProvider entity={paymentsSystem}>
        <EntityDeliveryContent />
      </EntityProvider>,
      { api },
    );
    const table = await screen.findByRole('table', { name: 'Recent activity' });
    expect(eventIds(table)).toEqual(['evt-0003', 'evt-0002']);
  });
});
