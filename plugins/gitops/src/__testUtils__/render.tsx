import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { FakeGitopsApi } from './FakeGitopsApi';

/** Renders `element` in a test app with the fake backend and a permission decision for every check. */
export function renderWithGitops(
  element: JSX.Element,
  options: {
    api: FakeGitopsApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    initialRoute?: string;
  },
) {
  return renderInTestApp(element, {
    apis: [
      [gitopsApiRef, options.api],
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
    mountedRoutes: { '/gitops': rootRouteRef },
    initialRouteEntries: options.initialRoute
      ? [options.initialRoute]
      : undefined,
  });
}
