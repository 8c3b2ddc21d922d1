export interface Config {
  /** Slipway GitOps plugin. */
  gitops?: {
    /** Argo CD instances ("runtimes") Slipway reads applications and health from. */
    runtimes?: Array<{
      /**
       * Unique runtime name, used in routes and links.
       * @visibility frontend
       */
      name: string;
      /**
       * Display name; defaults to the name.
       * @visibility frontend
       */
      title?: string;
      argocd: {
        /** Argo CD API base URL, e.g. https://argocd.example.com */
        url: string;
        /**
         * Argo CD UI base URL for deep links; defaults to `url`.
         * @visibility frontend
         */
        uiUrl?: string;
        /**
         * Argo CD API token (preferred over username/password).
         * @visibility secret
         */
        token?: string;
        /** Local Argo CD user for session login when no token is set. */
        username?: string;
        /**
         * Password of `username`.
         * @visibility secret
         */
        password?: string;
      };
      /** Per-request timeout against this runtime in milliseconds (default 5000). */
      timeoutMs?: number;
      /** Most requests in flight against this runtime at once (default 3). */
      concurrency?: number;
      /** How often the application list is reloaded in full, in seconds (default 30). */
      refreshIntervalSeconds?: number;
      /**
       * While the runtime's watch stream is healthy the periodic full list is skipped; it is still
       * reloaded this often as a safety resync, in seconds (default 600).
       */
      resyncIntervalSeconds?: number;
      /** Version and cluster checks of a healthy runtime run at most this often, in seconds (default 60). */
      healthCheckIntervalSeconds?: number;
      /** Retries of a failed application list load, with jittered exponential backoff. */
      retry?: {
        /** Wait before the first retry, in seconds (default 1); doubles with each failure. */
        initialSeconds?: number;
        /** Longest wait between retries, in seconds (default 30). */
        maxSeconds?: number;
      };
      /** Kubernetes API access to the namespace Argo CD runs in, for component readiness. */
      kubernetes?: {
        /** Kubernetes API server URL. */
        url: string;
        /**
         * Bearer token of a service account that may list deployments and statefulsets.
         * @visibility secret
         */
        token?: string;
        /** Namespace the Argo CD components run in (default `argocd`). */
        namespace?: string;
        /** Namespace of the Argo Rollouts controller (default `argo-rollouts`). */
        rolloutsNamespace?: string;
        /** Skip TLS verification (development only). */
        skipTLSVerify?: boolean;
        /** PEM CA bundle of the API server, base64-encoded. */
        caData?: string;
      };
    }>;

    // --- Delivery repository (products, environments, flows) -------------------------------------
    /** The Git repository holding environments/, products/ and flows/ (kind slipway.dev/v1alpha1). */
    deliveryRepo?: {
      /**
       * https://github.com/<owner>/<repo>, or file:///path/to/repo.git when gitops.git.allowLocal is on. A
       * relative file URL (file://../../.sandbox/repos/delivery.git) is resolved against the backend's
       * working directory.
       */
      url: string;
      /** Branch read at its head (default `main`). */
      branch?: string;
    };
    /** Git access of Slipway. */
    git?: {
      /** Allow local `file://` repositories (sandbox and development only; default false). */
      allowLocal?: boolean;
      /**
       * The least permission a user needs on a repository for Slipway to write to it on their behalf
       * (default `write`). Order: none < read < triage < write < maintain < admin. On GitHub the user's
       * login is the `github.com/user-login` annotation of their catalog User entity.
       */
      minimumPermission?:
        | 'none'
        | 'read'
        | 'triage'
        | 'write'
        | 'maintain'
        | 'admin';
      /** How long a user's GitHub permission on a repository is remembered, in seconds (default 60). */
      permissionCacheSeconds?: number;
      /**
       * Permissions on local `file://` repositories; the first entry whose `repo` matches decides.
       * Without entries every user may write local repositories; with entries, an unmatched local
       * repository grants nothing.
       */
      localPermissions?: Array<{
        /** A `file://` URL or a glob over URLs (`*` within a path segment, `**` across segments). */
        repo: string;
        /** User or group entity refs (e.g. `user:default/guest`) and their level. */
        users?: {
          [entityRef: string]:
            | 'none'
            | 'read'
            | 'triage'
            | 'write'
            | 'maintain'
            | 'admin';
        };
        /** The level of everyone not listed (default `none`). */
        default?: 'none' | 'read' | 'triage' | 'write' | 'maintain' | 'admin';
      }>;
    };
    /** Inputs of the portal's permission policy (see packages/backend/src/permissions.ts). */
    permissions?: {
      /**
       * Group entity refs whose members may promote to production environments and manage (approve,
       * retry, terminate) any release (default `group:default/production-approvers`).
       */
      productionApprovers?: string | string[];
      /** Group entity refs whose members may write delivery config (default `group:default/platform-team`). */
      configWriters?: string | string[];
    };
    /** The promotion engine. Durations are written like `30s`, `10m`, `1h30m`, or given in milliseconds. */
    promotions?: {
      /**
       * How long a step waits for every application to be Synced at the promoted revision and Healthy
       * before it fails (default `10m`). Progressing counts as in progress until then.
       */
      verifyTimeout?: string | number;
      /** How often a syncing step asks Argo CD again (default `1s`). */
      pollInterval?: string | number;
      /** How often each replica's scheduled task looks for due releases (default `5s`). */
      schedulerFrequency?: string | number;
      /** A replica's claim on a release not renewed for this long is taken over by another (default `1m`). */
      claimTimeout?: string | number;
      /** How often an open pull request is looked at (default `15s`). */
      pullRequestPollInterval?: string | number;
      /** Releases one replica advances at once (default 8). */
      concurrency?: number;
      /**
       * How long a release-event listener or a gate type added by a module may take to answer before
       * the engine gives up on it and goes on (default `10s`).
       */
      extensionTimeout?: string | number;
    };
    /** Settings of the gates Slipway brings (`http-check`, `callback`). */
    gates?: {
      /**
       * Named secrets gates use, so flow files in Git never hold them: an `http-check` header written
       * `Authorization: { secret: ci-token }`, a `callback` gate's `secret: change-approvals` (the key
       * its callers sign with).
       * @visibility secret
       */
      secrets?: {
        /** @visibility secret */
        [name: string]: string;
      };
    };
    // --- end of delivery repository -----------------------------------------------------------------
    /** The audit log (table gitops_audit_events in the plugin database). */
    audit?: {
      /**
       * Events older than this many days (at least 1) are deleted by a scheduled task, which records one
       * summary event per run; the database refuses every other update or delete (default: keep forever).
       */
      retentionDays?: number;
      /** How often commits made outside Slipway are imported from the delivery and app repositories, in minutes (default 10). */
      gitImportIntervalMinutes?: number;
      /** How often the audit log is reconciled with the Git history, in minutes (default 60). */
      reconcileIntervalMinutes?: number;
    };
    /** Deployment history and DORA metrics (`GET /metrics/dora`). */
    insights?: {
      /**
       * How long after a production deployment a rollback landing still counts as that deployment's
       * failure in the change failure rate: `24h`, `2d`, or milliseconds (default `24h`).
       */
      changeFailureWindow?: string | number;
    };
  };
}
