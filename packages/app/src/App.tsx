import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

// Other plugins (Slipway, scaffolder, search, settings) are discovered from
// the app's dependencies through `app.packages: all`.
export default createApp({
  features: [catalogPlugin, navModule, homeModule],
});
