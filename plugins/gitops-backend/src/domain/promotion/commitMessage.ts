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

/** Trailers that join the commit to its release and to the audit log. */
export function promotionTrailers(
  releaseId: string,
  actorRef: string,
): { 'Slipway-Release': string; 'Slipway-Actor': string } {
  return {
    'Slipway-Release': oneLine(releaseId),
    'Slipway-Actor': oneLine(actorRef),
  };
}
