/** Where an audit event came from. */
export type AuditSource = 'api' | 'engine' | 'git';

/** Every audit outcome, for validating and listing filters. */
export const AUDIT_OUTCOMES = ['succeeded', 'denied', 'failed'] as const;

/** `succeeded`: the request was allowed and done; `denied`: refused by a permission; `failed`: allowed but failed. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  id: string;
  /** RFC 3339 */
  time: string;
  /** User entity ref, `engine`, or for Git-sourced events the commit author (`git:Name <email>`). */
  actor: string;
  /** e.g. `promotion.create`, `release.approve`, `release.step.committed`, `application.sync`, `git.commit` */
  action: string;
  /** What the action was done to, e.g. `product:payments`, `release:<id>`, `application:prod/argocd/x`. */
  target: string;
  product?: string;
  environment?: string;
  runtime?: string;
  releaseId?: string;
  outcome: AuditOutcome;
  commitSha?: string;
  repository?: string;
  source: AuditSource;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  product?: string;
  environment?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** RFC 3339, inclusive. */
  from?: string;
  /** RFC 3339, exclusive. */
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}
