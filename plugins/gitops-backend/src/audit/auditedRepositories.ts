import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import type { GitRepoLocation } from '@slipway/plugin-gitops-node';
import { normaliseFolder, PlacedFolder } from './changePlacement';

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

/** A branch the audit log imports, with what tells its commits' product and environment. */
export interface AuditedRepository extends GitRepoLocation {
  /** Application folders on this branch and whose they are. */
  folders?: PlacedFolder[];
  /** The delivery repository: its product and environment documents name what they configure. */
  delivery?: boolean;
}

/**
 * The repository branches whose history the audit log joins: the delivery repository and every Git
 * source (not Helm charts, not pinned commits) of the products' applications.
 */
export async function auditedRepositories(
  deliveryRepo: GitRepoLocation | undefined,
  placed: PlacedApplications | undefined,
): Promise<AuditedRepository[]> {
  const found = new Map<string, AuditedRepository>();
  const add = (location: GitRepoLocation) => {
    const key = `${location.url}#${location.branch}`;
    const known = found.get(key) ?? {
      url: location.url,
      branch: location.branch,
    };
    found.set(key, known);
    return known;
  };
  if (deliveryRepo) add(deliveryRepo).delivery = true;
  if (placed) {
    const { applications } = await placed.board();
    for (const [product, byEnvironment] of applications) {
      for (const [environment, apps] of byEnvironment) {
        for (const app of apps) {
          for (const source of app.sources) {
            if (source.chart || !source.repoURL) continue;
            const revision = source.targetRevision?.trim() || 'HEAD';
            if (FULL_SHA.test(revision)) continue;
            const repository = add({ url: source.repoURL, branch: revision });
            repository.folders = [
              ...(repository.folders ?? []),
              { path: normaliseFolder(source.path), product, environment },
            ];
          }
        }
      }
    }
  }
  return [...found.values()];
}
