import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { gitopsGitProvidersExtensionPoint } from '@slipway/plugin-gitops-node';
import { GitlabGitProvider } from './GitlabGitProvider';

/**
 * Serves the projects of every `integrations.gitlab` host with a token to the gitops plugin: reads
 * (delivery config, versions, audit history), promotion commits and merge requests, and the users'
 * GitLab access check before each write on their behalf. Without such an integration it adds nothing.
 */
export const gitopsModuleGitlab = createBackendModule({
  pluginId: 'gitops',
  moduleId: 'gitlab',
  register(env) {
    env.registerInit({
      deps: {
        providers: gitopsGitProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const provider = GitlabGitProvider.fromConfig(config);
        const hosts = provider.hosts();
        if (hosts.length === 0) {
          logger.info(
            'No integrations.gitlab entry has a token; GitLab repositories are not served',
          );
          return;
        }
        providers.addProvider(provider);
        logger.info(`Serving GitLab repositories of ${hosts.join(', ')}`);
      },
    });
  },
});
