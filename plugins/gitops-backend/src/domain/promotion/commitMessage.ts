export interface PromotionCommitMessageInput {
  product: string;
  version: string;
  from: string;
  to: string;
  /** The Argo CD application whose files the commit changes. */
  application: string;
  /** Text the user wrote; becomes the body under the generated subject. */
  message?: string;
}

/** Keeps a subject on one line; a newline in a name would otherwise forge a body or trailers. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Promote payments 1.4.0 from staging to production (payments-api)`, plus the user's message as body. */
export function promotionCommitMessage(
  input: PromotionCommitMessageInput,
): string {
  const subject = oneLine(
    `Promote ${input.product} ${input.version} from ${input.from} to ${input.to} (${input.application})`,
  );
  const body = input.message?.trim();
  return body ? `${subject}\n\n${body}` : subject;
}

/** An approval that let a step commit: who approved it and what they wrote. */
export interface PromotionApproval {
  approvedBy: string;
  comment?: string;
}

/**
 * Trailers that join the commit to its release and to the audit log, and name who approved it:
 * `Slipway-Approved-By: user:default/bob (looks good)`, approvers joined by `, ` when there are several.
 */
export function promotionTrailers(
  releaseId: string,
  actorRef: string,
  approvals: PromotionApproval[] = [],
): Record<string, string> {
  const trailers: Record<string, string> = {
    'Slipway-Release': oneLine(releaseId),
    'Slipway-Actor': oneLine(actorRef),
  };
  if (approvals.length > 0) {
    trailers['Slipway-Approved-By'] = approvals
      .map(a => {
        const comment = a.comment && oneLine(a.comment);
        return comment
          ? `${oneLine(a.approvedBy)} (${comment})`
          : oneLine(a.approvedBy);
      })
      .join(', ');
  }
  return trailers;
}
