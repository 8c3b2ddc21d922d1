import type { RevisionMetadata } from '../argocd/types';
import type { RenderedRevision } from '../manifests/types';

/** Where an app's desired state comes from: a real git repository, or generated content. */
export interface ManifestSource {
  /** Resolves a branch, tag or SHA to the revision (commit SHA) it points at now. */
  resolve(revision: string): Promise<string>;
  /** The desired state at a resolved revision. Throws ManifestError or GitError when it cannot be produced. */
  render(revision: string): Promise<RenderedRevision>;
  /** Commit metadata of a revision (branch, tag or SHA). */
  revisionMetadata(revision: string): Promise<RevisionMetadata>;
  /** Earlier revisions (with their commit times) to show as deployment history at start-up, oldest first (the last one is live). */
  initialHistory(
    revision: string,
    limit: number,
  ): Promise<{ revision: string; committedAt: string }[]>;
}
