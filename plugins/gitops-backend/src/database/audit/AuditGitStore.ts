import type { Knex } from 'knex';
import { NewAuditEvent } from './AuditRecorder';
import { AUDIT_EVENTS_TABLE, toAuditRow } from './AuditStore';

const CURSORS_TABLE = 'gitops_audit_git_cursors';
const RELEASES_TABLE = 'gitops_releases';
const ACTIVE_STATUSES = ['queued', 'running', 'waiting'];

/** What the release store recorded of a release: whether it still runs, and the commits it landed. */
export interface RecordedRelease {
  active: boolean;
  commits: ReadonlySet<string>;
}

/** Older history still to read on a branch: from `to` (inclusive) back to `from` (exclusive). */
export interface GitImportGap {
  to: string;
  from?: string;
}

/** A commit naming a release that still runs: imported (or not) once the release has decided. */
export interface PendingGitEvent {
  release: string;
  event: Omit<NewAuditEvent, 'time'> & { time: string };
}

export interface GitImportState {
  head?: string;
  gaps: GitImportGap[];
  pending: PendingGitEvent[];
}

function parseResume(text: string | null | undefined) {
  try {
    const value = text ? JSON.parse(text) : {};
    return {
      gaps: Array.isArray(value.gaps) ? (value.gaps as GitImportGap[]) : [],
      pending: Array.isArray(value.pending)
        ? (value.pending as PendingGitEvent[])
        : [],
    };
  } catch {
    return { gaps: [], pending: [] };
  }
}

function parseSteps(
  text: string,
): { applications?: { commitSha?: string }[] }[] {
  try {
    const steps = JSON.parse(text);
    return Array.isArray(steps) ? steps : [];
  } catch {
    return [];
  }
}

/** An audit row that names a commit Slipway wrote (or a request named). */
export interface AuditCommitRow {
  id: string;
  repository?: string;
  commitSha: string;
}

/**
 * What the Git history import and the reconcile check need from the audit log: commits made outside
 * Slipway are appended at most once (a unique index on repository + commit for `source: git`), the
 * import remembers how far it got per repository and branch, and Slipway's own commits are looked up.
 */
export class AuditGitStore {
  constructor(private readonly knex: Knex) {}

  /** How far the import got on a branch: the newest head read, and what it still has to read. */
  async importState(
    repository: string,
    branch: string,
  ): Promise<GitImportState> {
    const row = await this.knex(CURSORS_TABLE)
      .where({ repository, branch })
      .first('commit_sha', 'resume');
    const resume = parseResume(row?.resume);
    return { head: row?.commit_sha, ...resume };
  }

  async saveImportState(
    repository: string,
    branch: string,
    state: GitImportState & { head: string },
  ) {
    const resume =
      state.gaps.length || state.pending.length
        ? JSON.stringify({ gaps: state.gaps, pending: state.pending })
        : null;
    await this.knex(CURSORS_TABLE)
      .insert({
        repository,
        branch,
        commit_sha: state.head,
        resume,
        updated_at: new Date(),
      })
      .onConflict(['repository', 'branch'])
      .merge(['commit_sha', 'resume', 'updated_at']);
  }

  /**
   * What the release store recorded of these releases: whether each still runs, and every commit it
   * landed (in its steps, or in the engine's own audit rows). Unknown ids are left out.
   */
  async recordedReleases(
    ids: readonly string[],
  ): Promise<Map<string, RecordedRelease>> {
    const found = new Map<string, { active: boolean; commits: Set<string> }>();
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const releases = await this.knex(RELEASES_TABLE)
        .whereIn('id', batch)
        .select('id', 'status', 'steps');
      for (const row of releases) {
        const commits = new Set<string>();
        for (const step of parseSteps(row.steps)) {
          for (const app of step.applications ?? []) {
            if (app.commitSha) commits.add(app.commitSha);
          }
        }
        found.set(row.id, {
          active: ACTIVE_STATUSES.includes(row.status),
          commits,
        });
      }
      const engineRows = await this.knex(AUDIT_EVENTS_TABLE)
        .whereIn('release_id', batch)
        .where('source', 'engine')
        .whereNotNull('commit_sha')
        .select('release_id', 'commit_sha');
      for (const row of engineRows) {
        found.get(row.release_id)?.commits.add(row.commit_sha);
      }
    }
    return found;
  }

  /** Appends Git-sourced events, skipping commits already imported; returns how many were new. */
  async appendGitEvents(events: readonly NewAuditEvent[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < events.length; i += 200) {
      const rows = events.slice(i, i + 200).map(e => ({
        ...toAuditRow(e),
        source: 'git',
      }));
      // No conflict target: the partial unique index (source = 'git') is the only one that can clash.
      const result = await this.knex(AUDIT_EVENTS_TABLE)
        .insert(rows)
        .onConflict()
        .ignore()
        .returning('id');
      inserted += result.length;
    }
    return inserted;
  }

  /** Of these SHAs, those an API or engine audit row names (Slipway's own commits that were audited). */
  async auditedCommits(shas: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < shas.length; i += 500) {
      const rows = await this.knex(AUDIT_EVENTS_TABLE)
        .whereIn('commit_sha', shas.slice(i, i + 500))
        .whereNot('source', 'git')
        .distinct('commit_sha');
      for (const row of rows) found.add(row.commit_sha);
    }
    return found;
  }

  /** Every API and engine row that names a commit, oldest first. */
  async commitRows(): Promise<AuditCommitRow[]> {
    const rows = await this.knex(AUDIT_EVENTS_TABLE)
      .whereNotNull('commit_sha')
      .whereNot('source', 'git')
      .orderBy('id', 'asc')
      .select('id', 'repository', 'commit_sha');
    return rows.map(row => ({
      id: String(row.id),
      ...(row.repository ? { repository: row.repository } : {}),
      commitSha: row.commit_sha,
    }));
  }
}
