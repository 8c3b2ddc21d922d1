import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type { RepoPermissionSubject } from '@slipway/plugin-gitops-node';
import { GitlabGitProvider } from '../GitlabGitProvider';
import { GITLAB_HOST, GITLAB_TOKEN } from './gitlabDouble';

/** `integrations.gitlab` for the double's host, plus any more config. */
export function gitlabConfig(more: Record<string, unknown> = {}) {
  return {
    integrations: {
      gitlab: [
        {
          host: GITLAB_HOST,
          apiBaseUrl: `https://${GITLAB_HOST}/api/v4`,
          token: GITLAB_TOKEN,
        },
      ],
    },
    ...more,
  };
}

/** A provider for the double's host with fast retries (a test should not wait out real backoff). */
export function gitlabProvider(
  more: Record<string, unknown> = {},
  options: ConstructorParameters<typeof GitlabGitProvider>[0]['retry'] = {},
) {
  return GitlabGitProvider.fromConfig(new ConfigReader(gitlabConfig(more)), {
    retry: { baseDelayMs: 1, ...options },
  });
}

export function userEntity(name: string, gitlabLogin?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      ...(gitlabLogin
        ? { annotations: { 'gitlab.com/user-login': gitlabLogin } }
        : {}),
    },
    spec: {},
  };
}

/** The subject the gitops plugin passes to `repositoryPermission`. */
export function subject(
  userRef: string,
  entity: Entity | undefined,
): RepoPermissionSubject {
  return { userRef, entity: async () => entity };
}
