import { ApplicationRef, HealthStatus, SyncStatus } from '../types';
import { Product } from './product';

/** Where a version was read: the product's version file, a running image tag, or nowhere. */
export type VersionOrigin = 'file' | 'image' | 'unknown';

export interface DetectedVersion {
  /** The version as written, e.g. `1.4.2`, `v2.0.0-rc.1`, `build-2031`. */
  value?: string;
  source: VersionOrigin;
  /** What was read (`Chart.yaml $.appVersion`, the image reference), or why nothing was found. */
  detail: string;
}

/** One application of a product in one environment. */
export interface ProductApplicationState extends ApplicationRef {
  /** What pairs this application with its counterparts in other environments, e.g. `payments-api`. */
  component: string;
  health: HealthStatus;
  sync: SyncStatus;
  /** Synced revision (commit SHA). */
  revision?: string;
  /** Commit the application's target revision (branch) points at now, when it could be resolved. */
  desiredRevision?: string;
  version: DetectedVersion;
  /** The live state differs from the desired state in Git: OutOfSync, or synced to an older commit. */
  drift: boolean;
}

/** A product in one environment. */
export interface ProductEnvironmentState {
  environment: string;
  applications: ProductApplicationState[];
  /** The version every application runs; absent when they differ or none is known. */
  version?: string;
  /** Distinct known versions, highest first. */
  versions: string[];
  /** Worst health of the applications (`Missing` when there are none). */
  health: HealthStatus;
  /** `OutOfSync` when any application is, `Synced` when all are, else `Unknown`. */
  sync: SyncStatus;
  drift: boolean;
}

/** A product across every environment, in environment order. */
export interface ProductState {
  product: Product;
  environments: ProductEnvironmentState[];
}
