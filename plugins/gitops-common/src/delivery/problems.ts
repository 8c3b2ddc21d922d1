import { Environment } from './environment';
import { PromotionFlow } from './flow';
import { Product } from './product';

export type ConfigProblemSeverity = 'error' | 'warning';

/** Something wrong in the delivery repository, said so that a person can fix it. */
export interface ConfigProblem {
  /** File relative to the repository root, e.g. `products/search.yaml`. */
  file: string;
  /** Dotted path inside the document, e.g. `spec.versionSource.path`; empty for the whole file. */
  path: string;
  message: string;
  /** `error`: the document (or the reference) was left out. `warning`: it was loaded anyway. */
  severity: ConfigProblemSeverity;
}

/** The valid part of the delivery repository at one commit, and what is wrong with the rest. */
export interface DeliveryConfig {
  /** Commit SHA the documents were read at. */
  commit: string;
  /** Sorted by order, then name. */
  environments: Environment[];
  /** Sorted by name. */
  products: Product[];
  /** Sorted by name. */
  flows: PromotionFlow[];
  problems: ConfigProblem[];
}

/** Answer of `GET /config/status`. */
export interface DeliveryConfigStatus {
  repository: string;
  branch: string;
  commit: string;
  /** When these documents were read (RFC 3339). */
  loadedAt: string;
  problems: ConfigProblem[];
}
