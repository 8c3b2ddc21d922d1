import type {
  GitLabIntegration,
  ScmIntegrationRegistry,
} from '@backstage/integration';

/** A GitLab project named by its web URL, and the integration whose credentials reach it. */
export interface GitlabProject {
  integration: GitLabIntegration;
  /** `group/subgroup/project`, the project's full path (GitLab's `:id` for the API, URL-encoded). */
  path: string;
  /** `https://host[/prefix]/group/project`, the form credentials are looked up by. */
  url: string;
}

const SEGMENT = /^[\w.-]+$/;

/**
 * The project of `https://host[/prefix]/group[/subgroup...]/project(.git)(/)` on a configured GitLab
 * integration; `undefined` for anything else (other hosts, web URLs of files or merge requests).
 */
export function parseGitlabUrl(
  integrations: ScmIntegrationRegistry,
  url: string,
): GitlabProject | undefined {
  if (!/^https:\/\//.test(url)) return undefined;
  const integration = integrations.gitlab.byUrl(url);
  if (!integration) return undefined;
  const base = integration.config.baseUrl.replace(/\/+$/, '');
  if (!url.startsWith(`${base}/`)) return undefined;
  const path = url
    .slice(base.length + 1)
    .replace(/\/$/, '')
    .replace(/\.git$/, '');
  const segments = path.split('/');
  if (
    segments.length < 2 ||
    // `-` starts GitLab's web routes (`/-/tree/main`); no group or project is named so.
    !segments.every(s => SEGMENT.test(s) && !['.', '..', '-'].includes(s))
  ) {
    return undefined;
  }
  return { integration, path, url: `${base}/${path}` };
}
