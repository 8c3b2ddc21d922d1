import type {
  ApplicationRef,
  ReleaseKind,
} from '@slipway/plugin-gitops-common';

/** `releaseId` of a deployment that no Slipway release made (someone synced or committed directly). */
export const OUTSIDE_SLIPWAY = 'outside';

/**
 * What became of a deployment: `syncing` until its health is known, then `healthy` or `degraded`;
 * `rolled-back` when a rollback replaced it, `superseded` when a newer revision replaced it before it
 * was ever healthy.
 */
export type DeploymentOutcome =
  | 'syncing'
  | 'healthy'
  | 'degraded'
  | 'rolled-back'
  | 'superseded';

/** A source commit a deployment brought (from the release notes, else the manifest commit). */
export interface SourceCommit {
  sha: string;
  /** RFC 3339; absent when unknown. */
  time?: string;
  author?: string;
  issueKeys?: string[];
}

/** One application in one environment changing its synced revision. */
export interface Deployment {
  product: string;
  environment: string;
  application: ApplicationRef;
  version?: string;
  /** The manifest revision Argo CD synced. */
  revision: string;
  sourceCommits: SourceCommit[];
  /** RFC 3339. */
  syncedAt: string;
  healthyAt?: string;
  failedAt?: string;
  /** The release that made it, or `outside`. */
  releaseId: string;
  releaseKind?: ReleaseKind;
  outcome: DeploymentOutcome;
}
