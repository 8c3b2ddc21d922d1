import type {
  ApplicationRef,
  ApplicationSummary,
  DeliveryConfig,
  ProductState,
  RuntimeError,
} from '@slipway/plugin-gitops-common';

/**
 * The delivery config joined with the runtimes, as the engine reads it: which applications of a
 * product run in which environment, and the version each environment runs. The delivery service's
 * board model has this shape.
 */
export interface DeliverySnapshot {
  config: DeliveryConfig;
  /** Applications by product, then environment, with `sync.revision` set to what runs. */
  applications: ReadonlyMap<string, ReadonlyMap<string, ApplicationSummary[]>>;
  products: ProductState[];
  /** Runtimes that did not answer: their applications are missing from `applications`. */
  errors: readonly RuntimeError[];
}

export interface DeliveryReader {
  /** Config joined with every runtime (costly when runtimes change): for planning a release. */
  snapshot(): Promise<DeliverySnapshot>;
  /** Just the delivery config (cheap, cached per commit): for advancing releases. */
  config(): Promise<DeliveryConfig>;
}

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
