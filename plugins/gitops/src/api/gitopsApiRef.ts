import { createApiRef } from '@backstage/frontend-plugin-api';
import type { GitopsApi } from '@slipway/plugin-gitops-common';

/** The Slipway backend, as the frontend sees it; `GitopsClient` from common implements it. */
export const gitopsApiRef = createApiRef<GitopsApi>().with({
  id: 'plugin.gitops.api',
  pluginId: 'gitops',
});
