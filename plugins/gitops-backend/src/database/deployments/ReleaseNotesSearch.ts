import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';
import {
  releaseNoteTerms,
  termLookup,
} from '../../domain/insights/changeTerms';

const TERMS = 'gitops_release_terms';

/** A release whose stored notes may name a change. */
export interface ReleaseNotesCandidate {
  id: string;
  product: string;
  version: string;
  status: string;
  createdAt: string;
  notes: ReleaseNotes;
}

/** Stores the terms a release's notes are found by; notes once written do not change, so adding is enough. */
export async function indexReleaseNotes(
  db: Knex | Knex.Transaction,
  releaseId: string,
  notes: ReleaseNotes,
): Promise<void> {
  const rows = releaseNoteTerms(notes).map(term => ({
    term,
    release_id: releaseId,
  }));
  if (rows.length === 0) return;
  await db(TERMS).insert(rows).onConflict(['term', 'release_id']).ignore();
}

/** Reads the releases whose notes (`gitops_releases.notes`) name a change, newest first. */
export class ReleaseNotesSearch {
  constructor(private readonly knex: Knex) {}

  /**
   * For a commit, a commit SHA starts with the text; else an issue key, an author or a new image tag
   * is the text. Callers check each candidate exactly.
   */
  async candidates(
    kind: 'issue' | 'commit' | 'text',
    text: string,
    limit: number,
  ): Promise<ReleaseNotesCandidate[]> {
    const lookup = termLookup(kind, text);
    const found = this.knex(TERMS).select('release_id');
    if ('equals' in lookup) found.where('term', lookup.equals);
    else found.where('term', '>=', lookup.low).where('term', '<', lookup.high);
    const rows: Array<{
      id: string;
      product: string;
      version: string;
      status: string;
      created_at: Date | string | number;
      notes: string;
    }> = await this.knex('gitops_releases')
      .select('id', 'product', 'version', 'status', 'created_at', 'notes')
      .whereIn('id', found)
      .whereNotNull('notes')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      product: row.product,
      version: row.version,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      notes: JSON.parse(row.notes),
    }));
  }
}
