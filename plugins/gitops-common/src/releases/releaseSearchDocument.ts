import type { IndexableDocument } from '@backstage/plugin-search-common';
import type { ReleaseStatus } from './release';

/** The search index type of Slipway releases. */
export const GITOPS_RELEASE_DOCUMENT_TYPE = 'gitops-release';

/**
 * One release in the portal search: titled like "payments 1.4.3 → production", its text naming the
 * issue keys, commits (full and short SHAs), authors, version and image tags of the release notes.
 */
export interface GitopsReleaseSearchDocument extends IndexableDocument {
  releaseId: string;
  product: string;
  /** The last target environment, where the release ends. */
  environment: string;
  version: string;
  status: ReleaseStatus;
  /** Issue keys of the release notes, e.g. `PAY-123`. */
  issueKeys: string[];
  /** Full SHAs of the commits the release ships (its release notes). */
  commits: string[];
}
