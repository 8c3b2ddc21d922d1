import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { gitopsApiRef } from './api';
import gitopsPlugin from './index';
import { GitopsPage } from './components/GitopsPage';
import { releaseRouteRef, rootRouteRef } from './routes';
import { FakeGitopsApi } from './__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsSummary,
} from './__testUtils__/deliveryFixtures';
import { allReleases } from './__testUtils__/releaseFixtures';

const WAIT = { timeout: 30_000 };

const api = () =>
  new FakeGitopsApi({
    environments: deliveryEnvironments,
    products: [paymentsSummary],
    releases: { releases: allReleases() },
  });

describe('release pages', () => {
  it('serves the Releases tab and each release page under /gitops/releases in the new frontend system', async () => {
    expect(
      gitopsPlugin.getExtension('sub-page:gitops/releases' as any),
    ).toBeDefined();
    expect(gitopsPlugin.routes.release).toBe(releaseRouteRef);
    renderTestApp({
      features: [gitopsPlugin],
      initialRouteEntries: ['/gitops/releases'],
      apis: [
        [gitopsApiRef, api()],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    const link = await screen.findByTitle('Release rel-0002', {}, WAIT);
    expect(link).toHaveAttribute('href', '/gitops/releases/rel-0002');
    expect(screen.getByRole('tab', { name: 'Releases' })).toBeInTheDocument();

    // material-table replaces its first rows once mounted: click the link it shows now.
    await userEvent.click(screen.getByTitle('Release rel-0002'));
    expect(
      await screen.findByRole('button', { name: 'production: Failed' }, WAIT),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    // A whole app with every plugin extension: slow to load the first time on a busy machine.
  }, 90_000);

  it('opens a release page inside the legacy Slipway page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [gitopsApiRef, api()],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <GitopsPage />
      </TestApiProvider>,
      {
        mountedRoutes: { '/gitops': rootRouteRef },
        routeEntries: ['/releases/rel-0003'],
      },
    );
    expect(
      await screen.findByRole('group', { name: 'Release flow' }, WAIT),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'production: Pre-gates' }),
    ).toBeInTheDocument();
  }, 60_000);
});
