import type { ApplicationSeed } from './argocd/types';
import type { FaultControl } from './faults';

/** @public Options of one simulated runtime (one Argo CD instance and its cluster). */
export interface SimulatorOptions {
  /** Runtime name, e.g. `nonprod`. */
  name: string;
  /** Listen address of both servers (default 127.0.0.1). */
  host?: string;
  /** Argo CD API port; 0 picks a free port (default 0). */
  port?: number;
  /** Kubernetes API port; 0 picks a free port (default 0). */
  kubernetesPort?: number;
  /** Static bearer tokens the Argo CD API accepts. */
  tokens?: string[];
  /** Local users for POST /api/v1/session. */
  users?: { username: string; password: string }[];
  /** Lifetime of session tokens from POST /api/v1/session (default 24 h, Argo CD's default). */
  sessionTtlMs?: number;
  /** Bearer token the Kubernetes API requires; without it the Kubernetes API is open. */
  kubernetesToken?: string;
  /** Argo CD version string (default `v3.5.1+simulated`). */
  version?: string;
  /** Registered clusters (default: in-cluster `https://kubernetes.default.svc`). */
  clusters?: { name: string; server: string }[];
  /** Argo CD Application objects whose sources are local bare git repositories. */
  applications?: ApplicationSeed[];
  /** Number of generated apps (no git) for load tests. */
  syntheticApplications?: number;
  timings?: {
    /** How often targetRevision is resolved again (default 1000). */
    pollIntervalMs?: number;
    /** Delay before an automated app that went OutOfSync starts syncing (default 1000). */
    syncDelayMs?: number;
    /** How long a sync stays Running/Progressing (default 1000). */
    progressingMs?: number;
  };
  /** Which components the Kubernetes API reports besides Argo CD's own. */
  components?: { rollouts?: boolean };
}

/** @public */
export interface RunningSimulator {
  name: string;
  /** Base URL of the Argo CD API, e.g. `http://127.0.0.1:18081`. */
  url: string;
  /** Base URL of the Kubernetes API. */
  kubernetesUrl: string;
  /** The same controls as the `/__admin` endpoints. */
  faults: FaultControl;
  close(): Promise<void>;
}

/** @public A parsed and validated seed file. */
export interface SeedFile {
  runtimes: SimulatorOptions[];
}
