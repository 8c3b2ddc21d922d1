import { NotFoundError } from '@backstage/errors';
import type {
  AuditReconcileReport,
  AuditReconcileRepository,
} from '@slipway/plugin-gitops-common';
import type {
  GitProviderRegistry,
  GitRepoLocation,
} from '@slipway/plugin-gitops-node';
import { AuditGitStore } from '../database/audit/AuditGitStore';
import { checkTrailers, readHistory, trailerReleases } from './gitHistory';

export interface AuditReconcilerOptions {
  providers: GitProviderRegistry;
  store: AuditGitStore;
  repositories(): Promise<GitRepoLocation[]>;
  /** Commits read per branch, from the head back. Default 5,000. */
  depth?: number;
  /** Most audit rows whose commit is looked up one by one (outside the branches read). Default 500. */
  maxLookups?: number;
}

/**
 * Compares the audit log with the Git history: commits claiming a release that never recorded them are
 * flagged; every Slipway commit must have an audit row (the engine
 * records `git.commit` in the same transaction as the step it completes, so a missing row means the
 * backend stopped between the push and the database write), and every audited commit must exist.
 */
export class AuditReconciler {
  constructor(private readonly options: AuditReconcilerOptions) {}

  async reconcile(): Promise<AuditReconcileReport> {
    const { providers, store } = this.options;
    const repositories: AuditReconcileRepository[] = [];
    const missingAuditRows: AuditReconcileReport['missingAuditRows'] = [];
    const flaggedCommits: AuditReconcileReport['flaggedCommits'] = [];
    const onBranches = new Set<string>();

    for (const location of await this.options.repositories()) {
      try {
        const provider = providers.forUrl(location.url);
        const head = await provider.resolveBranch(location);
        const { commits } = await readHistory(provider, location.url, {
          head,
          max: this.options.depth ?? 5_000,
        });
        for (const commit of commits) onBranches.add(commit.sha);
        const releases = await store.recordedReleases(trailerReleases(commits));
        const checks = checkTrailers(commits, releases);
        const slipway: string[] = [];
        for (const [sha, check] of checks) {
          if (check.kind === 'slipway') slipway.push(sha);
          if (check.kind === 'flagged') {
            flaggedCommits.push({
              repository: location.url,
              commitSha: sha,
              release: check.release,
              flag: check.flag,
            });
          }
        }
        const audited = await store.auditedCommits(slipway);
        for (const sha of slipway) {
          if (!audited.has(sha)) {
            const check = checks.get(sha) as { release: string };
            missingAuditRows.push({
              repository: location.url,
              commitSha: sha,
              release: check.release,
            });
          }
        }
        repositories.push({
          repository: location.url,
          branch: location.branch,
          commits: commits.length,
        });
      } catch (error) {
        repositories.push({
          repository: location.url,
          branch: location.branch,
          commits: 0,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }

    // Rows whose commit is not on a branch just read: a pull request branch, an older commit, or gone.
    const missingCommits: AuditReconcileReport['missingCommits'] = [];
    const exists = new Map<string, Promise<boolean | undefined>>();
    let lookups = 0;
    for (const row of await store.commitRows()) {
      if (onBranches.has(row.commitSha) || !row.repository) continue;
      const key = `${row.repository}@${row.commitSha}`;
      if (!exists.has(key)) {
        if (lookups++ >= (this.options.maxLookups ?? 500)) continue;
        exists.set(key, this.commitExists(row.repository, row.commitSha));
      }
      if ((await exists.get(key)) === false) {
        missingCommits.push({
          eventId: row.id,
          repository: row.repository,
          commitSha: row.commitSha,
        });
      }
    }
    return {
      checkedAt: new Date().toISOString(),
      repositories,
      missingAuditRows,
      flaggedCommits,
      missingCommits,
    };
  }

  /** `undefined` when it cannot be told (no provider, the host failed). */
  private async commitExists(
    url: string,
    sha: string,
  ): Promise<boolean | undefined> {
    try {
      const provider = this.options.providers.forUrl(url);
      const [commit] = await provider.log(url, { to: sha, limit: 1 });
      return commit?.sha === sha;
    } catch (error) {
      return error instanceof NotFoundError ? false : undefined;
    }
  }
}
