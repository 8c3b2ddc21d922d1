export { GitProviders } from './GitProviders';
export type { GitProvidersOptions } from './GitProviders';
export { GithubGitProvider } from './github/GithubGitProvider';
export type { GithubGitProviderOptions } from './github/GithubGitProvider';
export { LocalGitProvider } from './local/LocalGitProvider';
export type { LocalGitProviderOptions } from './local/LocalGitProvider';
export type { RetryOptions } from '@slipway/plugin-gitops-node';
export { repoPath } from '@slipway/plugin-gitops-node';
