import type { ApplicationRef } from '../types';
import type { PromotionAction } from '../delivery/flow';

/** `POST /products/{name}/promotions` (and `.../promotions/preview`). */
export interface PromotionRequest {
  from: string;
  to: string;
  /** Defaults to the version running in `from`. */
  version?: string;
  /** Defaults to the flow step's action, or `commit`. */
  action?: PromotionAction;
  /** Commit subject and body; a default names product, version and environments. */
  message?: string;
}

export interface CreatePromotionResponse {
  releaseId: string;
}

/** One value a promotion copies. */
export interface PromotionValueChange {
  file: string;
  path: string;
  from?: string;
  to?: string;
}

/** One file as it would be committed. */
export interface PromotionFilePreview {
  /** Path relative to the repository root. */
  path: string;
  /** Unified diff of the file (empty when unchanged). */
  diff: string;
}

export interface ApplicationPromotionPreview {
  application: ApplicationRef;
  repoURL: string;
  branch: string;
  path: string;
  /** The target branch head the diff was computed against. */
  headRevision?: string;
  changes: PromotionValueChange[];
  files: PromotionFilePreview[];
  /** True when the target already has every value: the promotion commits nothing. */
  noChange: boolean;
}

export interface PromotionPreview {
  product: string;
  from: string;
  to: string;
  version: string;
  action: PromotionAction;
  message: string;
  applications: ApplicationPromotionPreview[];
  /** Gates the target step has (approval, soak, freeze) as they stand now. */
  gates: Array<{ type: string; reason?: string; until?: string }>;
}
