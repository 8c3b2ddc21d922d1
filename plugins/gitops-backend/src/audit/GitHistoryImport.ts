import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GitCommitInfo,
  GitProvider,
  GitProviderRegistry,
  GitRepoLocation,
} from '@slipway/plugin-gitops-node';
import {
  AuditGitStore,
  GitImportGap,
  PendingGitEvent,
} from '../database/audit/AuditGitStore';
import { NewAuditEvent } from '../database/audit/AuditRecorder';
import {
  checkTrailers,
  readHistory,
  TrailerFlag,
  trailerReleases,
} from './gitHistory';
import type { AuditedRepository } from './auditedRepositories';
import { placeChangedPaths } from './changePlacement';

export interface GitHistoryImportOptions {
  providers: GitProviderRegistry;
  store: AuditGitStore;
  /** The repository branches to import, read at every run (products and their apps change). */
  repositories(): Promise<AuditedRepository[]>;
  logger: LoggerService;
  /** Most commits read per repository and run (default 1,000); the rest is read on the next runs. */
  maxCommitsPerRun?: number;
  /** Commits per provider call (default 250). */
  pageSize?: number;
}

export interface GitImportResult {
  repository: string;
  branch: string;
  read: number;
  imported: number;
  /** Commits with a `Slipway-Release` trailer that their release never recorded. */
  flagged: number;
  /** Older commits left for the next run (the page limit was reached). */
  remaining: boolean;
  error?: string;
}

function toEvent(
  location: AuditedRepository,
  commit: GitCommitInfo,
  paths: string[] | undefined,
  flag?: { flag: TrailerFlag; release: string },
): NewAuditEvent {
  const [subject] = commit.message.split('\n', 1);
  const time = new Date(commit.author.date);
  return {
    ...placeChangedPaths(paths, location.folders ?? [], !!location.delivery),
    time: Number.isNaN(time.getTime()) ? new Date() : time,
    actor: `git:${commit.author.name} <${commit.author.email}>`,
    action: 'git.commit',
    target: `repository:${location.url}#${location.branch}`,
    outcome: 'succeeded',
    commitSha: commit.sha,
    repository: location.url,
    source: 'git',
    details: {
      subject,
      branch: location.branch,
      ...(paths ? { paths } : {}),
      ...(flag ? { flag: flag.flag, release: flag.release } : {}),
    },
  };
}

/** A branch's result before anything was read. */
function emptyResult(location: GitRepoLocation): GitImportResult {
  return {
    repository: location.url,
    branch: location.branch,
    read: 0,
    imported: 0,
    flagged: 0,
    remaining: false,
  };
}

/**
 * Adds the commits others made to the delivery and app repositories to the audit log (`source: git`,
 * action `git.commit`), so changes made outside the portal show next to Slipway's own, with the paths
 * each changed. A `Slipway-Release` trailer proves nothing by itself (anyone can write one): a commit
 * is left to the engine's own audit rows only when its release recorded that exact commit. Others
 * naming a release are imported flagged `forged-trailer` (the release exists) or `unknown-release`;
 * while the named release still runs, the decision waits for a later run.
 *
 * Each run reads what is new since the last head, then older history a previous run had no room for,
 * at most `maxCommitsPerRun` commits in all.
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
        results.push({ ...emptyResult(location), error: message });
      }
    }
    return results;
  }

  private async importBranch(
    location: AuditedRepository,
  ): Promise<GitImportResult> {
    const { providers, store } = this.options;
    const provider = providers.forUrl(location.url);
    const head = await provider.resolveBranch(location);
    const state = await store.importState(location.url, location.branch);
    const result = emptyResult(location);
    if (state.head === head && !state.gaps.length && !state.pending.length) {
      return result;
    }

    let budget = this.options.maxCommitsPerRun ?? 1_000;
    const read = (range: { head: string; from?: string }) =>
      readHistory(provider, location.url, {
        ...range,
        max: budget,
        pageSize: this.options.pageSize,
      });
    const commits: GitCommitInfo[] = [];
    const gaps: GitImportGap[] = [...state.gaps];
    if (state.head !== head) {
      const newer = await read({ head, from: state.head });
      commits.push(...newer.commits);
      budget -= newer.commits.length;
      if (!newer.complete && newer.next) {
        gaps.unshift({
          to: newer.next,
          ...(state.head ? { from: state.head } : {}),
        });
      }
    }
    while (budget > 0 && gaps.length) {
      const gap = gaps[0];
      const older = await read({ head: gap.to, from: gap.from });
      commits.push(...older.commits);
      budget -= older.commits.length;
      if (older.complete || !older.next) gaps.shift();
      else gap.to = older.next;
    }
    if (gaps.length) {
      result.remaining = true;
      this.options.logger.info(
        `Audit Git import of ${location.url} (${location.branch}): read ${commits.length} commits; older history continues on the next run`,
      );
    }

    const releases = await store.recordedReleases([
      ...new Set([
        ...trailerReleases(commits),
        ...state.pending.map(p => p.release),
      ]),
    ]);
    const checks = checkTrailers(commits, releases);
    const events: NewAuditEvent[] = [];
    const pending: PendingGitEvent[] = [];
    for (const commit of commits) {
      const check = checks.get(commit.sha)!;
      if (check.kind === 'slipway') continue;
      const paths = await changedPaths(provider, location.url, commit.sha);
      if (check.kind === 'pending') {
        const event = toEvent(location, commit, paths);
        pending.push({
          release: check.release,
          event: { ...event, time: event.time!.toISOString() },
        });
        continue;
      }
      events.push(
        toEvent(
          location,
          commit,
          paths,
          check.kind === 'flagged' ? check : undefined,
        ),
      );
    }
    // Commits that waited for their release: decided once it recorded them or finished.
    for (const waiting of state.pending) {
      const release = releases.get(waiting.release);
      const sha = waiting.event.commitSha!;
      if (release?.commits.has(sha)) continue;
      if (release?.active) {
        pending.push(waiting);
        continue;
      }
      const flag: TrailerFlag = release ? 'forged-trailer' : 'unknown-release';
      events.push({
        ...waiting.event,
        time: new Date(waiting.event.time),
        details: { ...waiting.event.details, flag, release: waiting.release },
      });
    }

    result.read = commits.length;
    result.flagged = events.filter(e => e.details?.flag).length;
    result.imported = await store.appendGitEvents(events);
    await store.saveImportState(location.url, location.branch, {
      head,
      gaps,
      pending,
    });
    return result;
  }
}

/** The paths a commit changed, when the provider can tell (a failure leaves them out). */
async function changedPaths(
  provider: GitProvider,
  url: string,
  sha: string,
): Promise<string[] | undefined> {
  if (!provider.changedPaths) return undefined;
  try {
    return await provider.changedPaths(url, sha);
  } catch {
    return undefined;
  }
}
