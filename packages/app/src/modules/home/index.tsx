import { createFrontendModule } from '@backstage/frontend-plugin-api';
import homePlugin from '@backstage/plugin-home/alpha';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';

/** The home page of `@backstage/plugin-home` is the portal's front page. */
const homePage = homePlugin.getExtension('page:home').override({
  factory: (originalFactory, { config }) =>
    originalFactory({ config: { ...config, path: config.path ?? '/' } }),
});

/** The Slipway header over the customizable grid of home page cards. */
const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./SlipwayHomeLayout').then(m => m.SlipwayHomeLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homePage, homeLayout],
});
