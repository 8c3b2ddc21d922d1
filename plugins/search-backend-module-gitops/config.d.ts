import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** Options of `@slipway/plugin-search-backend-module-gitops`, which indexes Slipway releases. */
      gitops?: {
        /**
         * How often releases are indexed again (default every 10 minutes, timeout 15 minutes, first run
         * after 10 seconds).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Where a release opens in the portal; `:id` stands for the release id (default
         * `/gitops/releases/:id`, the release page of the Slipway frontend).
         */
        locationTemplate?: string;
        /**
         * How many releases are read per page of `GET /releases`, 1 to 200 (default 50).
         */
        batchSize?: number;
      };
    };
  };
}
