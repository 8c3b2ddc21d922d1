import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import type { GitRepoLocation } from '@slipway/plugin-gitops-node';

/** Where the applications of every product come from, as the delivery board places them. */
export interface PlacedApplications {
  board(): Promise<{
    applications: ReadonlyMap<
      string,
      ReadonlyMap<string, readonly ApplicationSummary[]>
    >;
  }>;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/**
 * The repository branches whose history the audit log joins: the delivery repository and every Git
 * source (not Helm charts, not pinned commits) of the products' applications.
 */
export async function auditedRepositories(
  deliveryRepo: GitRepoLocation | undefined,
  placed: PlacedApplications | undefined,
): Promise<GitRepoLocation[]> {
  const found = new Map<string, GitRepoLocation>();
  const add = (location: GitRepoLocation) =>
    found.set(`${location.url}#${location.branch}`, location);
  if (deliveryRepo) add(deliveryRepo);
  if (placed) {
    const { applications } = await placed.board();
    for (const byEnvironment of applications.values()) {
      for (const apps of byEnvironment.values()) {
        for (const app of apps) {
          for (const source of app.sources) {
            if (source.chart || !source.repoURL) continue;
            const revision = source.targetRevision?.trim() || 'HEAD';
            if (FULL_SHA.test(revision)) continue;
            add({ url: source.repoURL, branch: revision });
          }
        }
      }
    }
  }
  return [...found.values()];
}
