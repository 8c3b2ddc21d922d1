import {
  CustomErrorBase,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { GitlabHttpError } from './GitlabHttpError';

/**
 * GitLab answered with a status Slipway has no meaning for (a 5xx, an unexpected 4xx): the fault is
 * upstream, so the caller gets a 502 Bad Gateway naming GitLab rather than a 500 of its own.
 */
class GitlabBadGatewayError extends CustomErrorBase {
  name = 'GitlabBadGatewayError' as const;
  /** Read by Backstage's error handler as the response status. */
  readonly statusCode = 502;
}

export function gitlabStatus(error: unknown): number | undefined {
  return error instanceof GitlabHttpError ? error.status : undefined;
}

/** GitLab's own message, e.g. "404 File Not Found"; the error's message for anything else. */
export function gitlabMessage(error: unknown): string {
  if (error instanceof GitlabHttpError) return error.gitlabMessage;
  return (error as Error)?.message ?? String(error);
}

/**
 * A Backstage error a person can act on, for a failed GitLab call. Built from GitLab's status and
 * message only, so the token never reaches a message or a `cause`.
 */
export function gitlabError(
  error: unknown,
  what: string,
  project: string,
): Error {
  if (!(error instanceof GitlabHttpError)) {
    return new ServiceUnavailableError(
      `GitLab could not be reached while ${what} on ${project}: ${gitlabMessage(
        error,
      )}`,
    );
  }
  const { status, gitlabMessage: message, retryAfterMs } = error;
  if (status === 429) {
    const when =
      retryAfterMs === undefined
        ? ''
        : `; GitLab asks to retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return new ServiceUnavailableError(
      `GitLab rate limit reached while ${what} on ${project}${when}`,
    );
  }
  if (status === 401) {
    return new NotAllowedError(
      `GitLab rejected the credentials for ${project} while ${what} (401 ${message}); check the token under integrations.gitlab`,
    );
  }
  if (status === 403) {
    return new NotAllowedError(
      `GitLab refused ${what} on ${project} (403 ${message})`,
    );
  }
  if (status === 404) {
    return new NotFoundError(
      `GitLab found nothing while ${what} on ${project} (${message}); check the repository URL and that the token can see the project`,
    );
  }
  if (status === 400 && /not allowed to push|protected branch/i.test(message)) {
    return new NotAllowedError(
      `GitLab refused ${what} on ${project}: ${message}`,
    );
  }
  return new GitlabBadGatewayError(
    `GitLab answered ${status} while ${what} on ${project}: ${message}`,
  );
}
