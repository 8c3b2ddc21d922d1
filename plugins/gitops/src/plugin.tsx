import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { Container } from '@backstage/ui';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { GitopsClient } from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from './api';
import { isGitopsProductAvailable } from './annotations';
import { SlipwayIcon } from './components/common/SlipwayIcon';
import { releaseRouteRef, rootRouteRef, runtimeRouteRef } from './routes';
import { gitopsSearchExtensions } from './searchResults';
import { gitopsTabs } from './tabs';

/** `api:gitops` — the Slipway backend client. */
export const gitopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: gitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GitopsClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:gitops` — the Slipway page at /gitops; its title and icon make the nav item. */
export const gitopsPage = PageBlueprint.make({
  params: {
    path: '/gitops',
    title: 'Slipway',
    icon: <SlipwayIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
  },
});

/** `sub-page:gitops/<path>` — one tab of the Slipway page each. */
export const gitopsTabPages = gitopsTabs.map(tab =>
  SubPageBlueprint.make({
    name: tab.path,
    params: {
      path: tab.path,
      title: tab.title,
      // The page layout of the new frontend system adds no padding around sub-pages.
      loader: () =>
        tab.loader().then(element => <Container mt="4">{element}</Container>),
    },
  }),
);

/** `entity-card:gitops/runtime-health` — on entities annotated `slipway.dev/product`. */
export const runtimeHealthCard = EntityCardBlueprint.make({
  name: 'runtime-health',
  params: {
    filter: isGitopsProductAvailable,
    loader: () =>
      import('./components/RuntimeHealthCard').then(m => (
        <m.RuntimeHealthCard />
      )),
  },
});

/** `entity-content:gitops/delivery` — the Delivery tab at `<entity>/delivery`. */
export const deliveryContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: 'delivery',
    title: 'Delivery',
    filter: isGitopsProductAvailable,
    loader: () =>
      import('./components/EntityDelivery').then(m => (
        <m.EntityDeliveryContent />
      )),
  },
});

/** `entity-card:gitops/delivery` — versions per environment on the overview. */
export const deliveryCard = EntityCardBlueprint.make({
  name: 'delivery',
  params: {
    filter: isGitopsProductAvailable,
    loader: () =>
      import('./components/EntityDelivery').then(m => <m.EntityDeliveryCard />),
  },
});

/** Slipway for the new frontend system (discovered through `app.packages: all`). */
export const gitopsPlugin = createFrontendPlugin({
  pluginId: 'gitops',
  title: 'Slipway',
  icon: <SlipwayIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    release: releaseRouteRef,
    runtime: runtimeRouteRef,
  },
  extensions: [
    gitopsApi,
    gitopsPage,
    ...gitopsTabPages,
    runtimeHealthCard,
    deliveryContent,
    deliveryCard,
    ...gitopsSearchExtensions,
  ],
});
