/**
 * GitLab answered with a status other than 2xx. Carries only what Slipway reads from the answer: the
 * status, GitLab's own message and how long GitLab asked to wait; never the request (or its token).
 */
export class GitlabHttpError extends Error {
  name = 'GitlabHttpError';

  constructor(
    readonly status: number,
    /** GitLab's `message` or `error`, e.g. `404 File Not Found`. */
    readonly gitlabMessage: string,
    /** From `Retry-After` (or `RateLimit-Reset`) on a 429, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(`GitLab answered ${status}: ${gitlabMessage}`);
  }
}

/** GitLab's message from an error body: `{ message }` (a string, list or field map) or `{ error }`. */
export function messageOf(body: unknown): string {
  if (typeof body === 'string') return body.trim();
  if (!body || typeof body !== 'object') return '';
  const { message, error } = body as { message?: unknown; error?: unknown };
  const value = message ?? error;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([field, problems]) => `${field} ${[problems].flat().join(', ')}`)
      .join('; ');
  }
  return '';
}

/** `Retry-After` in seconds or as an HTTP date, else GitLab's `RateLimit-Reset` (epoch seconds), in ms. */
export function retryAfterOf(
  headers: Headers,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('ratelimit-reset'));
  return reset > 0 ? Math.max(0, reset * 1000 - now) : undefined;
}
