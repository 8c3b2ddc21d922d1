import type { Application, HealthStatusCode } from '../argocd/types';
import type { RenderedRevision } from '../manifests/types';
import type { ManifestSource } from './ManifestSource';
import type { KubeEvent } from './events';

export interface HealthOverride {
  status: HealthStatusCode;
  message?: string;
}

/** Everything the simulator knows about one Application, beyond the JSON it serves. */
export interface AppRecord {
  key: string;
  origin: 'git' | 'synthetic';
  app: Application;
  source: ManifestSource;
  /** The desired state at the revision targetRevision resolved to on the last reconcile. */
  target?: RenderedRevision;
  /** What is "running" in the destination namespace. */
  live?: RenderedRevision;
  /** The state a running sync is rolling out. */
  rollout?: RenderedRevision;
  /** ReplicaSet revision counter of the Deployment, shown as `Rev:N` in the tree. */
  rolloutNumber: number;
  /** Health when nothing overrides it (synthetic apps start with a mix). */
  baseHealth: HealthOverride;
  /** Forced by a fault (admin endpoint or library). */
  healthOverride?: HealthOverride;
  /** A reason the desired state cannot be produced, shown as a ComparisonError condition. */
  comparisonError?: string;
  events: KubeEvent[];
  /** Serialisations, cleared whenever the record changes. */
  cache: {
    listJson?: string;
    fullJson?: string;
    projections: Map<string, string>;
  };
}

export function appKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
