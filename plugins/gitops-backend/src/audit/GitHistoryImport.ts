import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GitCommitInfo,
  GitProviderRegistry,
  GitRepoLocation,
} from '@slipway/plugin-gitops-node';
import { AuditGitStore } from '../database/audit/AuditGitStore';
import { NewAuditEvent } from '../database/audit/AuditRecorder';
import { isSlipwayCommit, readHistory } from './gitHistory';

export interface GitHistoryImportOptions {
  providers: GitProviderRegistry;
  store: AuditGitStore;
  /** The repository branches to import, read at every run (products and their apps change). */
  repositories(): Promise<GitRepoLocation[]>;
  logger: LoggerService;
  /** Most commits read per repository and run; a first import of a long history keeps the newest. */
  maxCommitsPerRun?: number;
}

export interface GitImportResult {
  repository: string;
  branch: string;
  read: number;
  imported: number;
  error?: string;
}

function toEvent(
  location: GitRepoLocation,
  commit: GitCommitInfo,
): NewAuditEvent {
  const [subject] = commit.message.split('\n', 1);
  const time = new Date(commit.author.date);
  return {
    time: Number.isNaN(time.getTime()) ? new Date() : time,
    actor: `git:${commit.author.name} <${commit.author.email}>`,
    action: 'git.commit',
    target: `repository:${location.url}#${location.branch}`,
    outcome: 'succeeded',
    commitSha: commit.sha,
    repository: location.url,
    source: 'git',
    details: { subject, branch: location.branch },
  };
}

/**
 * Adds the commits others made to the delivery and app repositories to the audit log (`source: git`,
 * action `git.commit`), so changes made outside the portal show next to Slipway's own. Slipway's
 * commits (a `Slipway-Release` trailer) are left out: the engine audits those itself. Each run reads
 * only what is new since the last imported head of each branch.
 */
export class GitHistoryImport {
  constructor(private readonly options: GitHistoryImportOptions) {}

  async run(): Promise<GitImportResult[]> {
    const results: GitImportResult[] = [];
    for (const location of await this.options.repositories()) {
      try {
        results.push(await this.importBranch(location));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger.warn(
          `Audit Git import of ${location.url} (${location.branch}) failed: ${message}`,
        );
        results.push({
          repository: location.url,
          branch: location.branch,
          read: 0,
          imported: 0,
          error: message,
        });
      }
    }
    return results;
  }

  private async importBranch(
    location: GitRepoLocation,
  ): Promise<GitImportResult> {
    const { providers, store } = this.options;
    const provider = providers.forUrl(location.url);
    const head = await provider.resolveBranch(location);
    const from = await store.cursor(location.url, location.branch);
    const result = {
      repository: location.url,
      branch: location.branch,
      read: 0,
      imported: 0,
    };
    if (from === head) return result;
    const { commits, complete } = await readHistory(provider, location.url, {
      head,
      from,
      max: this.options.maxCommitsPerRun ?? 10_000,
    });
    if (!complete) {
      this.options.logger.info(
        `Audit Git import of ${location.url} (${location.branch}): imported the newest ${commits.length} commits; older history is left out`,
      );
    }
    const events = commits
      .filter(commit => !isSlipwayCommit(commit))
      .map(commit => toEvent(location, commit));
    result.read = commits.length;
    result.imported = await store.appendGitEvents(events);
    await store.saveCursor(location.url, location.branch, head);
    return result;
  }
}
