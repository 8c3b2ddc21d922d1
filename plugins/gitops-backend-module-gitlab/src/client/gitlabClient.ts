import { Gitlab } from '@gitbeaker/rest';
import { InputError } from '@backstage/errors';
import type { GitLabIntegration } from '@backstage/integration';
import { gitlabRequester, GitlabRequesterOptions } from './gitlabRequester';

export type GitlabApi = InstanceType<typeof Gitlab<false>>;

export interface GitlabClientOptions extends GitlabRequesterOptions {
  /** Per-request timeout in ms (default 30000). */
  requestTimeoutMs?: number;
}

/**
 * A gitbeaker client for one GitLab integration, with its token and Slipway's requester. Gitbeaker
 * appends `/api/v4` to the host itself, so the integration's `apiBaseUrl` must end with it.
 */
export function gitlabApi(
  integration: GitLabIntegration,
  options: GitlabClientOptions = {},
): GitlabApi {
  const { apiBaseUrl, token, host } = integration.config;
  const root = apiBaseUrl.replace(/\/+$/, '');
  if (!root.endsWith('/api/v4')) {
    throw new InputError(
      `integrations.gitlab '${host}': apiBaseUrl '${apiBaseUrl}' must end with /api/v4`,
    );
  }
  return new Gitlab<false>({
    host: root.slice(0, -'/api/v4'.length),
    ...(token ? { token } : {}),
    requesterFn: gitlabRequester(options),
    queryTimeout: options.requestTimeoutMs ?? 30_000,
    // Slipway spreads its own writes; GitLab's 429 with Retry-After is the rate limit that counts.
    rateLimits: {},
  } as ConstructorParameters<typeof Gitlab<false>>[0]);
}
