import type { Knex } from 'knex';
import { NewAuditEvent } from './AuditRecorder';
import { AUDIT_EVENTS_TABLE, toAuditRow } from './AuditStore';

const CURSORS_TABLE = 'gitops_audit_git_cursors';

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

  async cursor(
    repository: string,
    branch: string,
  ): Promise<string | undefined> {
    const row = await this.knex(CURSORS_TABLE)
      .where({ repository, branch })
      .first('commit_sha');
    return row?.commit_sha;
  }

  async saveCursor(repository: string, branch: string, sha: string) {
    await this.knex(CURSORS_TABLE)
      .insert({
        repository,
        branch,
        commit_sha: sha,
        updated_at: new Date(),
      })
      .onConflict(['repository', 'branch'])
      .merge(['commit_sha', 'updated_at']);
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
