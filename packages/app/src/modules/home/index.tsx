import { Content, Header, Page } from '@backstage/core-components';
import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { gitopsTabs } from '@slipway/plugin-gitops';

/** The portal's front page: every product with its version in each environment (the Products tab). */
const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    noHeader: true,
    loader: async () => {
      const products = await gitopsTabs
        .find(tab => tab.path === 'products')!
        .loader();
      return (
        <Page themeId="home">
          <Header
            title="Slipway"
            subtitle="Which version runs where, is it healthy, what changed"
          />
          <Content>{products}</Content>
        </Page>
      );
    },
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homePage],
});
