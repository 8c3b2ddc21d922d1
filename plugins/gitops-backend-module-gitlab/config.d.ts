export interface Config {
  gitops?: {
    /**
     * GitLab repositories (`@slipway/plugin-gitops-backend-module-gitlab`). Hosts and tokens come from
     * `integrations.gitlab`; only integrations with a token are served.
     */
    gitlab?: {
      /**
       * The least GitLab access level a user needs on a project for Slipway to write to it for them:
       * 10 Guest, 15 Planner, 20 Reporter, 30 Developer, 40 Maintainer, 50 Owner. Default 30
       * (Developer). `gitops.git.minimumPermission` applies as well, with Developer counting as write.
       * @visibility backend
       */
      minimumAccessLevel?: number;
      /**
       * GitLab usernames of users whose catalog entity has no `gitlab.com/user-login` annotation.
       * @visibility backend
       */
      users?: Array<{
        /** The user's entity ref, e.g. `user:default/dana`. */
        user: string;
        /** Their GitLab username. */
        username: string;
      }>;
      /** Merge requests Slipway opens for pull-request promotions. */
      mergeRequests?: {
        /** Labels put on every merge request Slipway opens (default `[slipway]`). */
        labels?: string[];
      };
    };
  };
}
