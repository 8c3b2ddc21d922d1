import { act } from '@testing-library/react';
import { fetchApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { gitopsApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { FakeGitopsApi } from '../../../__testUtils__/FakeGitopsApi';

/** Renders `element` with the fake backend, a permission decision, an app fetch and the catalog and Slipway routes. */
export async function renderAudit(
  element: JSX.Element,
  options: {
    api: FakeGitopsApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    fetch?: typeof fetch;
    initialRoute?: string;
    signals?: SignalApi;
  },
) {
  const fetchImpl =
    options.fetch ??
    (() => Promise.reject(new Error('no fetch expected in this test')));
  const result = renderInTestApp(element, {
    apis: [
      [gitopsApiRef, options.api],
      [fetchApiRef, { fetch: fetchImpl }],
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
      ...(options.signals
        ? [[signalApiRef, options.signals] as const]
        : []),
    ],
    mountedRoutes: {
      '/gitops': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: options.initialRoute
      ? [options.initialRoute]
      : undefined,
  });
  // The first reads answer in microtasks right after the render; let them land inside act.
  await act(async () => {});
  return result;
}
