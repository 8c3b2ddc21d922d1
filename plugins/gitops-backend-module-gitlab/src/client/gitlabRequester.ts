import {
  createRequesterFn,
  RequestOptions,
  RequesterType,
  ResourceOptions,
  ResponseBodyTypes,
} from '@gitbeaker/requester-utils';
import { GitlabHttpError, messageOf, retryAfterOf } from './GitlabHttpError';

export interface GitlabRequesterOptions {
  /**
   * The longest `Retry-After` on a 429 that is waited out before asking again (default 10 s); a longer
   * one fails the call at once with GitLab's time, instead of holding a promotion for minutes.
   */
  maxRateLimitWaitMs?: number;
  /** How often a 429 is waited out for one call (default 2). */
  maxRateLimitRetries?: number;
}

async function bodyOf(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  const text = await response.text();
  if (type.trim() === 'application/json' && text) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Gitbeaker's requester with Slipway's failure rules: a 429 is retried only after the `Retry-After`
 * GitLab gave (and only when that is short), nothing else is retried here (lost races are the
 * provider's, with fresh reads), and every failure is a {@link GitlabHttpError} with GitLab's status.
 * Gitbeaker's own requester instead retries 429 and 502 ten times within a quarter second.
 */
export function gitlabRequester(
  options: GitlabRequesterOptions = {},
): (serviceOptions: ResourceOptions) => RequesterType {
  const maxWait = options.maxRateLimitWaitMs ?? 10_000;
  const maxRetries = options.maxRateLimitRetries ?? 2;
  return createRequesterFn(
    async (_, requestOptions) => requestOptions,
    async (endpoint: string, raw?: Record<string, unknown>) => {
      const { prefixUrl, searchParams, method, headers, body, signal } = (raw ??
        {}) as RequestOptions;
      const base = prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl}/`;
      const url = new URL(endpoint, base);
      url.search = searchParams ?? '';
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(url, {
          method,
          headers,
          body,
          signal,
        });
        const parsed = await bodyOf(response);
        if (response.ok) {
          return {
            body: parsed as ResponseBodyTypes,
            headers: Object.fromEntries(response.headers.entries()),
            status: response.status,
          };
        }
        const wait =
          response.status === 429 ? retryAfterOf(response.headers) : undefined;
        if (wait !== undefined && wait <= maxWait && attempt < maxRetries) {
          await new Promise(resolve => setTimeout(resolve, wait));
          continue;
        }
        throw new GitlabHttpError(response.status, messageOf(parsed), wait);
      }
    },
  );
}
