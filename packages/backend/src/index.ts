import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in is for the sandbox only; production config enables a real provider.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@slipway/plugin-scaffolder-backend-module-gitops'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Indexes Slipway releases, so search finds them by issue key, commit, version or image tag.
backend.add(import('@slipway/plugin-search-backend-module-gitops'));

backend.add(import('@slipway/plugin-gitops-backend'));
// Serves GitLab repositories of integrations.gitlab hosts with a token; without one it adds nothing.
backend.add(import('@slipway/plugin-gitops-backend-module-gitlab'));
// Publishes the delivery repository's environments as catalog Resource entities.
backend.add(import('@slipway/plugin-catalog-backend-module-gitops'));

backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// Tells approvers, owners and initiators about releases through the notifications backend.
backend.add(import('@slipway/plugin-gitops-backend-module-notifications'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// Backstage only logs a failed startup and keeps the process up, serving nothing; exiting lets
// `npm start` (and any process supervisor) see that the backend failed.
backend.start().catch(error => {
  console.error('The backend failed to start:', error);
  process.exit(1);
});
