/** A repository branch the reconcile check read, and how far. */
export interface AuditReconcileRepository {
  repository: string;
  branch: string;
  /** Commits read from the branch head back. */
  commits: number;
  /** Set when the branch could not be read (nothing about it is reported then). */
  error?: string;
}

/**
 * `GET /audit/reconcile`: where the audit log and the Git history disagree. Every commit Slipway made
 * (a `Slipway-Release` trailer whose release recorded that commit) should have an audit row naming it,
 * every other commit claiming a release is flagged, and every audit row that names a commit should
 * point at a commit that exists.
 */
export interface AuditReconcileReport {
  /** RFC 3339 */
  checkedAt: string;
  repositories: AuditReconcileRepository[];
  /** Slipway commits without an audit row (e.g. the backend stopped between commit and audit). */
  missingAuditRows: Array<{
    repository: string;
    commitSha: string;
    release: string;
  }>;
  /**
   * Commits with a `Slipway-Release` trailer that Slipway did not make: the release exists but never
   * recorded the commit (`forged-trailer`), or there is no such release (`unknown-release`).
   */
  flaggedCommits: Array<{
    repository: string;
    commitSha: string;
    release: string;
    flag: 'forged-trailer' | 'unknown-release';
  }>;
  /** Audit rows whose commit is not in the repository (history rewritten, or a wrong SHA). */
  missingCommits: Array<{
    eventId: string;
    repository?: string;
    commitSha: string;
  }>;
}
