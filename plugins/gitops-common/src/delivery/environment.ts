/** `apiVersion` of every document in the delivery repository. */
export const DELIVERY_API_VERSION = 'slipway.dev/v1alpha1';

export type EnvironmentTier = 'production' | 'non-production';

/** Where applications of an environment run: one Argo CD runtime, one cluster, some namespaces. */
export interface EnvironmentTarget {
  /** A runtime name from app-config `gitops.runtimes`. */
  runtime: string;
  /** Argo CD cluster name (e.g. `in-cluster`) or server URL. */
  cluster: string;
  /** Destination namespaces; empty means every namespace of the cluster. */
  namespaces: string[];
}

/** A period in which promotions into the environment are held. */
export interface FreezeWindow {
  /** RFC 3339 start, inclusive. */
  start: string;
  /** RFC 3339 end, exclusive. */
  end: string;
  reason?: string;
}

/** A stage of delivery (`environments/<name>.yaml`). */
export interface Environment {
  name: string;
  /** Defaults to the name. */
  title: string;
  description?: string;
  tier: EnvironmentTier;
  /** Position on pages, lowest first. */
  order: number;
  targets: EnvironmentTarget[];
  freezeWindows: FreezeWindow[];
}
