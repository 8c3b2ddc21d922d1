import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The Slipway page; legacy route refs also work in the new frontend system. */
export const rootRouteRef = createRouteRef({ id: 'gitops' });

/** One release, under the Releases tab of the Slipway page. */
export const releaseRouteRef = createSubRouteRef({
  id: 'gitops-release',
  parent: rootRouteRef,
  path: '/releases/:id',
});

/** One runtime's health, under the Runtimes tab of the Slipway page. */
export const runtimeRouteRef = createSubRouteRef({
  id: 'gitops-runtime',
  parent: rootRouteRef,
  path: '/runtimes/:name',
});
