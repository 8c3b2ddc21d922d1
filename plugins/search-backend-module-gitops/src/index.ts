/**
 * Search module indexing Slipway releases by issue key, commit, author, version and image tag.
 *
 * @packageDocumentation
 */
export { searchModuleGitopsReleases as default } from './module';
export { searchModuleGitopsReleases } from './module';
