import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';

/**
 * Whether a promotion of these applications can open pull requests: every Git repository they come
 * from must be on a host whose provider can. The first reason found says why not.
 */
export function pullRequestSupport(
  applications: ApplicationSummary[],
  git: GitProviderRegistry,
): { supported: boolean; reason?: string } {
  const urls = new Set(
    applications.flatMap(app =>
      app.sources.filter(s => !s.chart && s.repoURL).map(s => s.repoURL),
    ),
  );
  for (const url of urls) {
    let reason: string | undefined;
    try {
      reason = git.forUrl(url).cannotHostPullRequests;
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
    if (reason) return { supported: false, reason };
  }
  return { supported: true };
}
