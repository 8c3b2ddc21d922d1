import { ApplicationRef } from '../types';

/** Why an application has no product or no environment. */
export type UnassignedReason =
  | 'no-product'
  | 'unknown-product'
  | 'ambiguous-product'
  | 'no-environment'
  | 'ambiguous-environment';

/** Where one application belongs, as far as it could be told. */
export interface ApplicationPlacement {
  application: ApplicationRef;
  /** Set when exactly one product claims the application. */
  product?: string;
  /** Set when exactly one environment's target matches the destination. */
  environment?: string;
}

/** An application that is not shown under a product and environment, and why. */
export interface UnassignedApplication extends ApplicationPlacement {
  reasons: UnassignedReason[];
  /** Readable explanation, e.g. `matches the targets of dev and staging`. */
  message: string;
}

/** An application that matches several products or environments: a mistake in the delivery config. */
export interface MappingProblem {
  application: ApplicationRef;
  kind: 'ambiguous-product' | 'ambiguous-environment' | 'unknown-product';
  /** The products or environments that matched (or the unknown product named). */
  candidates: string[];
  message: string;
}
