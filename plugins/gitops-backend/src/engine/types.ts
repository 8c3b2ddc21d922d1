import type {
  ApplicationRef,
  ApplicationSummary,
} from '@slipway/plugin-gitops-common';

/** What the engine asks of the Argo CD runtimes while verifying. */
export interface EngineRuntimes {
  /**
   * The application as Argo CD reports it: from the runtime's watched list, or with `fresh` straight
   * from Argo CD (the list can lag behind on a loaded runtime).
   */
  application(
    ref: ApplicationRef,
    options?: { fresh?: boolean },
  ): Promise<ApplicationSummary>;
  /** Asks Argo CD to compare with Git now rather than at its next poll. */
  refresh(ref: ApplicationRef): Promise<void>;
  /** Starts a sync (for applications without automated sync). */
  sync?(ref: ApplicationRef): Promise<void>;
}

/** Tells listeners (the frontend, through Backstage signals) that a release changed. */
export type ReleaseChangePublisher = (release: {
  id: string;
  product: string;
  status: string;
}) => Promise<void> | void;
