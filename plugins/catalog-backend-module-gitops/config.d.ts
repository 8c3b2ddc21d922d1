export interface Config {
  gitops?: {
    /** The catalog module publishing environments as Resource entities. */
    catalog?: {
      /** Owner of the environment entities (default `group:default/platform-team`). */
      environmentOwner?: string;
      /** How often the delivery head is checked for changes, in seconds (default 30). */
      refreshIntervalSeconds?: number;
    };
  };
}
