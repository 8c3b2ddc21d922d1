/**
 * GitLab repositories for Slipway, added through the Git provider extension point of
 * `@slipway/plugin-gitops-node`: reads, fast-forward-only promotion commits, merge request
 * promotions and the users' GitLab access check.
 *
 * @packageDocumentation
 */
export { gitopsModuleGitlab as default } from './module';
export { GitlabGitProvider } from './GitlabGitProvider';
export type { GitlabGitProviderOptions } from './GitlabGitProvider';
export { GITLAB_LOGIN_ANNOTATION } from './permissions/GitlabPermissions';
