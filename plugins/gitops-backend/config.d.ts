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
    };
    /** The catalog module (catalogModuleGitopsDelivery) publishing environments as Resource entities. */
    catalog?: {
      /** Owner of the environment entities (default `group:default/platform-team`). */
      environmentOwner?: string;
      /** How often the delivery head is checked for changes, in seconds (default 30). */
      refreshIntervalSeconds?: number;
    };
    // --- end of delivery repository -----------------------------------------------------------------
  };
}
