import {
  CustomErrorBase,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * GitHub answered with a status Slipway has no meaning for (a 5xx, a 501, an unexpected 4xx): the
 * fault is upstream, so the caller gets a 502 Bad Gateway naming GitHub rather than a 500 of its own.
 */
class GithubBadGatewayError extends CustomErrorBase {
  name = 'GithubBadGatewayError' as const;
  /** Read by Backstage's error handler as the response status. */
  readonly statusCode = 502;
}

/** What Octokit's RequestError carries that we look at; nothing here holds the token. */
interface GithubFailure {
  status?: number;
  message?: string;
  response?: {
    data?: unknown;
    headers?: Record<string, string | number | undefined>;
  };
}

export function githubStatus(error: unknown): number | undefined {
  const status = (error as GithubFailure)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own `message` from the response body, e.g. "Update is not a fast forward". */
export function githubMessage(error: unknown): string {
  const data = (error as GithubFailure)?.response?.data;
  if (data && typeof data === 'object' && 'message' in data) {
    const details = (data as { errors?: { message?: string }[] }).errors
      ?.map(e => e.message)
      .filter(Boolean);
    const message = String((data as { message: unknown }).message);
    return details?.length ? `${message}: ${details.join('; ')}` : message;
  }
  return (error as Error)?.message ?? String(error);
}

/**
 * A Backstage error a person can act on, for a failed GitHub call. Built from GitHub's status and
 * message only: request headers (and so the token) never reach the message or a `cause`.
 */
export function githubError(error: unknown, what: string, repo: string): Error {
  const status = githubStatus(error);
  if (status === undefined) {
    return new ServiceUnavailableError(
      `GitHub could not be reached while ${what} on ${repo}: ${
        (error as Error)?.message ?? error
      }`,
    );
  }
  const message = githubMessage(error);
  const headers = (error as GithubFailure).response?.headers ?? {};
  if (
    status === 429 ||
    (status === 403 &&
      (String(headers['x-ratelimit-remaining']) === '0' ||
        headers['retry-after'] !== undefined))
  ) {
    const reset = Number(headers['x-ratelimit-reset']);
    const until = reset
      ? `; it resets at ${new Date(reset * 1000).toISOString()}`
      : '';
    return new ServiceUnavailableError(
      `GitHub rate limit reached while ${what} on ${repo}${until}`,
    );
  }
  if (status === 401) {
    return new NotAllowedError(
      `GitHub rejected the credentials for ${repo} while ${what} (401 ${message}); check the token or app under integrations.github`,
    );
  }
  if (status === 403) {
    return new NotAllowedError(
      `GitHub refused ${what} on ${repo} (403 ${message})`,
    );
  }
  if (status === 422 && /protected branch|rule violation/i.test(message)) {
    return new NotAllowedError(`GitHub refused ${what} on ${repo}: ${message}`);
  }
  if (status === 404) {
    return new NotFoundError(
      `GitHub found nothing while ${what} on ${repo} (404 ${message}); check the repository URL and that the credentials can see it`,
    );
  }
  return new GithubBadGatewayError(
    `GitHub answered ${status} while ${what} on ${repo}: ${message}`,
  );
}
