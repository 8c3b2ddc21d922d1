import { createRouteRef } from '@backstage/core-plugin-api';

/** The Slipway page; legacy route refs also work in the new frontend system. */
export const rootRouteRef = createRouteRef({ id: 'gitops' });
