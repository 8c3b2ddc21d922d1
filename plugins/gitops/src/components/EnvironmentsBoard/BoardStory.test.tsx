import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ProductSummary } from '@slipway/plugin-gitops-common';
import { useLocation } from 'react-router-dom';
import { gitopsApiRef } from '../../api';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsSummary,
  storefrontSummary,
} from '../../__testUtils__/deliveryFixtures';
import { allReleases } from '../../__testUtils__/releaseFixtures';
import { rootRouteRef } from '../../routes';
import { EnvironmentsBoard } from './EnvironmentsBoard';

const WAIT = { timeout: 20_000 };

/** Storefront where staging already runs production's version. */
const settledStorefront: ProductSummary = {
  ...storefrontSummary,
  environments: storefrontSummary.environments.map(e =>
    e.environment === 'staging'
      ? { ...e, version: '2.7.0', versions: ['2.7.0'] }
      : e,
  ),
};

function Path() {
  const { pathname, search } = useLocation();
  return <div data-testid="path">{`${pathname}${search}`}</div>;
}

function renderBoard(products: ProductSummary[]) {
  const api = new FakeGitopsApi({
    environments: deliveryEnvironments,
    products,
    releases: { releases: allReleases() },
  });
  return renderInTestApp(
    <>
      <EnvironmentsBoard />
      <Path />
    </>,
    {
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/gitops': rootRouteRef },
      initialRouteEntries: ['/gitops/environments'],
    },
  );
}

const card = (name: string) => screen.getByRole('cell', { name });

describe('board cards tell the story', () => {
  it('shows the release waiting or failed in an environment, linked to it, and how far each environment is ahead of production', async () => {
    renderBoard([paymentsSummary, storefrontSummary]);
    await screen.findByRole('table', { name: 'Environments board' }, WAIT);

    // rel-0003 waits for production's approval; rel-0002 failed in production.
    expect(
      await within(card('Payments in Production')).findByRole(
        'link',
        { name: '1.4.3 waiting for approval' },
        WAIT,
      ),
    ).toHaveAttribute('href', '/gitops/releases/rel-0003');
    expect(
      within(card('Storefront in Production')).getByRole('link', {
        name: '2.7.1 failed',
      }),
    ).toHaveAttribute('href', '/gitops/releases/rel-0002');
    // Staging's step of rel-0003 succeeded: nothing moves there any more.
    expect(
      within(card('Payments in Staging')).queryByRole('link', {
        name: /waiting|pending|failed|Promoting/,
      }),
    ).not.toBeInTheDocument();

    // Versions newer than production's, known from the board and from releases.
    expect(card('Payments in Development')).toHaveTextContent(
      'Ahead of Production by 2 versions',
    );
    expect(card('Storefront in Staging')).toHaveTextContent(
      'Ahead of Production by 1 version',
    );
    expect(card('Storefront in Development')).toHaveTextContent(
      'Ahead of Production by 2 versions',
    );
    expect(card('Storefront in Production')).not.toHaveTextContent(/Ahead/);
  });

  it('says "up to date" on the card and in the menu where there is nothing to promote, and a click opens the applications there', async () => {
    renderBoard([settledStorefront]);
    const staging = await screen.findByRole(
      'cell',
      { name: 'Storefront in Staging' },
      WAIT,
    );
    expect(staging).toHaveTextContent('Up to date');

    await userEvent.click(
      within(staging).getByRole('button', {
        name: 'Promote Storefront from Staging',
      }),
    );
    const menu = await screen.findByRole('menu', {
      name: 'Promote Storefront from Staging',
    });
    const production = within(menu).getByRole('menuitem', {
      name: /Promote to Production/,
    });
    expect(production).toHaveTextContent('Up to date: runs 2.7.0');
    expect(production).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(menu).getByRole('menuitem', { name: /Promote to Development/ }),
    ).not.toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('menu')).not.toBeInTheDocument(),
    );

    await userEvent.click(within(staging).getByText('Healthy'));
    expect(screen.getByTestId('path')).toHaveTextContent(
      '/gitops/applications?product=storefront&environment=staging',
    );
  });
});
