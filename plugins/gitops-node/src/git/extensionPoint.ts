import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { GitProvider } from './types';

/** Lets backend modules serve more repository hosts (GitLab, Bitbucket, ...) to the gitops plugin. */
export interface GitopsGitProvidersExtensionPoint {
  /** Providers added here are asked before the built-in GitHub and local ones. */
  addProvider(...providers: GitProvider[]): void;
}

export const gitopsGitProvidersExtensionPoint =
  createExtensionPoint<GitopsGitProvidersExtensionPoint>({
    id: 'gitops.git-providers',
  });
