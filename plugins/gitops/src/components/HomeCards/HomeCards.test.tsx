import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Release } from '@slipway/plugin-gitops-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { gitopsApiRef } from '../../api';
import gitopsPlugin from '../../index';
import type { gitopsHomeWidgets } from '../../plugin';
import { rootRouteRef } from '../../routes';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsSummary,
  searchSummary,
  storefrontSummary,
} from '../../__testUtils__/deliveryFixtures';
import {
  allReleases,
  failedRelease,
  succeededRelease,
  waitingRelease,
} from '../../__testUtils__/releaseFixtures';

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

function backend(releases: Release[], user = 'user:default/guest') {
  return new FakeGitopsApi({
    environments: deliveryEnvironments,
    products: [paymentsSummary, storefrontSummary, searchSummary],
    releases: { releases, user },
  });
}

/** Renders a card as the home page does: the plugin's widget extension's element (title, content, links). */
function renderCard(
  id: string,
  api: FakeGitopsApi,
  identity: { userEntityRef?: string; ownershipEntityRefs?: string[] } = {},
) {
  const widget: (typeof gitopsHomeWidgets)[number] = gitopsPlugin.getExtension(
    `home-page-widget:gitops/${id}` as any,
  );
  const { component } = createExtensionTester(widget).get(
    homePageWidgetDataRef,
  );
  return renderInTestApp(component, {
    apis: [
      [gitopsApiRef, api],
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: ['user:default/guest'],
        ...identity,
      }),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: {
      '/gitops': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

const rows = () =>
  screen.getAllByRole('listitem').map(item => item.textContent ?? '');

describe('Waiting for my approval', () => {
  it('lists the releases whose approval gate the user may pass, with where they wait and who started them', async () => {
    renderCard('waiting-for-my-approval', backend(allReleases()));

    expect(
      await screen.findByText('Waiting for my approval'),
    ).toBeInTheDocument();
    const link = await screen.findByRole('link', {
      name: 'Payments 1.4.3 → Staging → Production → dr',
    });
    expect(link).toHaveAttribute('href', '/gitops/releases/rel-0003');
    expect(rows()).toEqual([
      expect.stringMatching(
        /Production waits for you · started by jane .*Waiting$/,
      ),
    ]);
    expect(
      screen.getByRole('link', { name: 'All waiting releases' }),
    ).toHaveAttribute('href', '/gitops/releases?status=waiting');
  });

  it('says so when nothing waits for the user, e.g. on the releases they started themselves', async () => {
    renderCard(
      'waiting-for-my-approval',
      backend(allReleases(), 'user:default/jane'),
    );
    expect(
      await screen.findByText(/^Nothing waits for your approval\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });

  it('shows why the list could not load, and loads it again on Retry', async () => {
    const api = backend(allReleases());
    const list = jest
      .spyOn(api, 'getReleases')
      .mockRejectedValueOnce(new Error('Backend answered 503'));
    renderCard('waiting-for-my-approval', api);

    expect(
      await screen.findByText(/Could not load releases waiting for approval$/),
    ).toBeInTheDocument();
    expect(screen.getByText('Backend answered 503')).toBeInTheDocument();
    list.mockRestore();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: /Payments 1\.4\.3/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load releases waiting for approval$/),
    ).not.toBeInTheDocument();
  });
});

describe('My products across environments', () => {
  it("shows the products of the user's groups with the version and health in each environment", async () => {
    renderCard('my-products', backend([]), {
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/payments-team',
        'group:default/search-team',
      ],
    });

    const table = await screen.findByRole('table', {
      name: 'My products across environments',
    });
    const [header, ...body] = within(table).getAllByRole('row');
    expect(header).toHaveTextContent('ProductDevelopmentStagingProduction');
    expect(body.map(r => r.textContent)).toEqual([
      'Payments1.5.0mixed: 1.4.3, 1.4.21.4.2',
      'Search0.9.20.9.1Not deployed',
    ]);
    // Health per environment: the dot of each version says it.
    expect(
      within(body[0])
        .getAllByRole('img')
        .map(d => d.ariaLabel),
    ).toEqual(['Healthy', 'Degraded', 'Healthy']);
    // Payments opens its catalog entity's Delivery tab; Search names no entity to link to.
    expect(
      within(body[0]).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments/delivery');
    expect(within(body[1]).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All products' })).toHaveAttribute(
      'href',
      '/gitops/products',
    );
  });

  it('explains where ownership comes from when none of the groups owns a product', async () => {
    renderCard('my-products', backend([]), {
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/platform-team',
      ],
    });
    expect(
      await screen.findByText(/^None of your groups owns a product\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    // The full products view stays one click away.
    expect(
      screen.getByRole('link', { name: 'All products' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the products cannot be read', async () => {
    const api = backend([]);
    jest
      .spyOn(api, 'getProducts')
      .mockRejectedValue(new Error('Delivery repository unreachable'));
    renderCard('my-products', api);
    expect(
      await screen.findByText(/Could not load your products$/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Delivery repository unreachable'),
    ).toBeInTheDocument();
  });
});

describe('Recent releases', () => {
  it('lists the latest releases newest first with status, product, version and targets', async () => {
    renderCard('recent-releases', backend(allReleases()));

    expect(
      await screen.findByRole('link', {
        name: 'Storefront 2.7.1 → Production',
      }),
    ).toHaveAttribute('href', '/gitops/releases/rel-0002');
    expect(rows()).toEqual([
      expect.stringMatching(
        /^Payments 1\.4\.3 → Staging → Production → dr.*jane.*Waiting$/,
      ),
      expect.stringMatching(/^Storefront 2\.7\.1 → Production.*sam.*Failed$/),
      expect.stringMatching(/^Payments 1\.4\.2 → Production.*jane.*Succeeded$/),
    ]);
    expect(screen.getByRole('link', { name: 'All releases' })).toHaveAttribute(
      'href',
      '/gitops/releases',
    );
  });

  it('says how to make the first release when there is none', async () => {
    renderCard('recent-releases', backend([]));
    expect(await screen.findByText(/^No releases yet\./)).toBeInTheDocument();
  });

  it('shows the error when the releases cannot be read', async () => {
    const api = backend(allReleases());
    jest
      .spyOn(api, 'getReleases')
      .mockRejectedValue(new Error('Not allowed to read releases'));
    renderCard('recent-releases', api);
    expect(
      await screen.findByText(/Could not load releases$/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not allowed to read releases'),
    ).toBeInTheDocument();
  });
});

describe('Failed releases this week', () => {
  const failedTwoDaysAgo = (): Release => ({
    ...failedRelease(),
    id: 'rel-0005',
    createdAt: daysAgo(2.1),
    updatedAt: daysAgo(2),
    finishedAt: daysAgo(2),
  });
  const terminatedThreeDaysAgo = (): Release => ({
    ...succeededRelease(),
    id: 'rel-0004',
    status: 'terminated',
    createdAt: daysAgo(3.1),
    updatedAt: daysAgo(3),
    finishedAt: daysAgo(3),
    error: 'Terminated by user:default/jane: wrong version',
  });

  it('lists failed and terminated releases of the last 7 days with why, and not older ones', async () => {
    renderCard(
      'failed-releases',
      // The fixture's own failed release ended weeks ago.
      backend([failedRelease(), failedTwoDaysAgo(), terminatedThreeDaysAgo()]),
    );

    expect(
      await screen.findByRole('link', {
        name: 'Storefront 2.7.1 → Production',
      }),
    ).toHaveAttribute('href', '/gitops/releases/rel-0005');
    expect(rows()).toEqual([
      'Storefront 2.7.1 → ProductionFailed 2 days ago · Step production failedFailed',
      'Payments 1.4.2 → ProductionTerminated 3 days ago · Terminated by user:default/jane: wrong versionTerminated',
    ]);
    expect(
      screen.getByRole('link', { name: 'All failed releases' }),
    ).toHaveAttribute('href', '/gitops/releases?status=failed');
  });

  it('says the week was clean when only older releases failed', async () => {
    renderCard('failed-releases', backend([failedRelease(), waitingRelease()]));
    expect(
      await screen.findByText(
        'No release failed or was terminated in the last 7 days.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the releases cannot be read', async () => {
    const api = backend([]);
    jest
      .spyOn(api, 'getReleases')
      .mockRejectedValue(new Error('Backend answered 500'));
    renderCard('failed-releases', api);
    expect(
      await screen.findByText(/Could not load failed releases$/),
    ).toBeInTheDocument();
  });
});
