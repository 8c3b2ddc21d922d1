import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GitopsClient } from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from './api';
import { releaseRouteRef, rootRouteRef, runtimeRouteRef } from './routes';

/** The legacy plugin; mount `<GitopsPage />` at `/gitops`. */
export const gitopsPlugin = createPlugin({
  id: 'gitops',
  apis: [
    createApiFactory({
      api: gitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GitopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    release: releaseRouteRef,
    runtime: runtimeRouteRef,
  },
});

/** The Slipway page with its tabs (Runtimes, Applications, ...). */
export const GitopsPage = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'GitopsPage',
    component: () => import('./components/GitopsPage').then(m => m.GitopsPage),
    mountPoint: rootRouteRef,
  }),
);

/** Runtime health of the entity's product; show it when `isGitopsProductAvailable(entity)`. */
export const EntityRuntimeHealthCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityRuntimeHealthCard',
    component: {
      lazy: () =>
        import('./components/RuntimeHealthCard').then(m => m.RuntimeHealthCard),
    },
  }),
);

/** The Delivery tab: mount it as an entity route at `delivery` when `isGitopsProductAvailable(entity)`. */
export const EntityDeliveryContent = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryContent',
    component: {
      lazy: () =>
        import('./components/EntityDelivery').then(
          m => m.EntityDeliveryContent,
        ),
    },
  }),
);

/** Versions per environment at a glance, for the entity overview. */
export const EntityDeliveryCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryCard',
    component: {
      lazy: () =>
        import('./components/EntityDelivery').then(m => m.EntityDeliveryCard),
    },
  }),
);

/**
 * Every release of every product with each release's page (the Releases tab of `GitopsPage`), for
 * apps that mount it elsewhere: mount it at a route ending in `/*` so `:id` pages resolve.
 */
export const GitopsReleasesContent = gitopsPlugin.provide(
  createComponentExtension({
    name: 'GitopsReleasesContent',
    component: {
      lazy: () => import('./components/Releases').then(m => m.ReleasesTab),
    },
  }),
);

/**
 * Every runtime's health with each runtime's page (the Runtimes tab of `GitopsPage`), for apps that
 * mount it elsewhere: mount it at a route ending in `/*` so `:name` pages resolve.
 */
export const GitopsRuntimesContent = gitopsPlugin.provide(
  createComponentExtension({
    name: 'GitopsRuntimesContent',
    component: {
      lazy: () => import('./components/RuntimesView').then(m => m.RuntimesTab),
    },
  }),
);

/** One product's releases, for an entity page annotated `slipway.dev/product`. */
export const EntityReleasesCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityReleasesCard',
    component: {
      lazy: () =>
        import('./components/EntityDelivery').then(m => m.EntityReleasesCard),
    },
  }),
);
