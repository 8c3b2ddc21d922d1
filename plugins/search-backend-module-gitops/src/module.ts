import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readCollatorOptions, readScheduleConfig } from './collatorConfig';
import { GitopsReleaseCollatorFactory } from './GitopsReleaseCollatorFactory';
import { GitopsReleaseReader } from './GitopsReleaseReader';

/**
 * Search module indexing Slipway releases (`gitops-release` documents) by issue key, commit, author,
 * version and image tag, read from the gitops backend over HTTP on the schedule at
 * `search.collators.gitops.schedule`.
 */
export const searchModuleGitopsReleases = createBackendModule({
  pluginId: 'search',
  moduleId: 'gitops-release-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, config, discovery, scheduler, indexRegistry }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readScheduleConfig(config),
          ),
          factory: new GitopsReleaseCollatorFactory({
            ...readCollatorOptions(config),
            reader: new GitopsReleaseReader({ discovery, auth }),
          }),
        });
      },
    });
  },
});
