import {
  ApplicationCounts,
  ApplicationRef,
  HealthStatus,
  ListResponse,
  RuntimeError,
  SyncStatus,
} from '../types';
import { Environment } from './environment';
import { EnvironmentDiff } from './environmentDiff';
import { UnassignedApplication } from './mapping';
import { Product } from './product';
import { ProductState } from './productState';

/** One environment (a board column): its definition and the applications placed in it. */
export interface EnvironmentSummary extends Environment {
  /** Applications of every product in this environment, by health and sync. */
  applications: ApplicationCounts;
  /** Products with at least one application in this environment. */
  products: number;
  /**
   * The freeze holding the environment now: why, and when it lifts; `timeZone` is the IANA time
   * zone of the recurring window that lifts last, to show `until` in (absent for a fixed window).
   */
  frozen?: { reason: string; until: string; timeZone?: string };
}

/** Answer of `GET /environments`: environments in order. */
export interface EnvironmentListResponse
  extends ListResponse<EnvironmentSummary> {
  /** Applications without a product or an environment, by health and sync. */
  unassigned: ApplicationCounts;
}

/** A product in one environment, as a board card shows it. */
export interface ProductEnvironmentSummary {
  environment: string;
  /** Number of the product's applications in this environment; 0 means not deployed there. */
  applications: number;
  /** The version every application runs; absent when they differ or none is known. */
  version?: string;
  /** Distinct known versions, highest first. */
  versions: string[];
  /** Worst health of the applications (`Missing` when there are none). */
  health: HealthStatus;
  sync: SyncStatus;
  /** Some application is OutOfSync or not synced at the head of its target revision. */
  drift: boolean;
  /** The application that finished a sync last: when, and at which revision of which repository. */
  lastDeploy?: {
    application: ApplicationRef;
    /** RFC 3339; absent when Argo CD reports no finished operation. */
    at?: string;
    revision?: string;
    repoURL?: string;
  };
}

/** One product across every environment, in environment order. */
export interface ProductSummary {
  product: Product;
  environments: ProductEnvironmentSummary[];
}

/** An application outside any product or environment, with enough state to show it. */
export interface UnassignedApplicationSummary extends UnassignedApplication {
  health: HealthStatus;
  sync: SyncStatus;
}

/** Answer of `GET /products`. */
export interface ProductListResponse extends ListResponse<ProductSummary> {
  /** Every application no product and environment claim; never dropped. */
  unassigned: UnassignedApplicationSummary[];
}

export interface ProductFilter {
  /** Catalog entity ref of the owner, e.g. `group:default/payments-team`. */
  owner?: string;
  /** Case-insensitive text over name, title and description. */
  q?: string;
}

/** Answer of `GET /products/{name}`. */
export interface ProductDetail extends ProductState {
  /** Applications of this product that no environment claims. */
  unassigned: UnassignedApplicationSummary[];
  errors: RuntimeError[];
  /** Whether promotions of this product can open pull requests (every repository's Git host can), and if not why. */
  pullRequests?: { supported: boolean; reason?: string };
}

/** Answer of `GET /products/{name}/diff`. */
export interface EnvironmentDiffResponse extends EnvironmentDiff {
  errors: RuntimeError[];
}
