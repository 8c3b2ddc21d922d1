import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';
import { likeLiteral } from './DeploymentStore';

/** A release whose stored notes mention a text. */
export interface ReleaseNotesCandidate {
  id: string;
  product: string;
  version: string;
  status: string;
  createdAt: string;
  notes: ReleaseNotes;
}

/** Reads the releases whose notes (`gitops_releases.notes`) mention a text, newest first. */
export class ReleaseNotesSearch {
  constructor(private readonly knex: Knex) {}

  async candidates(
    text: string,
    limit: number,
  ): Promise<ReleaseNotesCandidate[]> {
    const rows: Array<{
      id: string;
      product: string;
      version: string;
      status: string;
      created_at: Date | string | number;
      notes: string;
    }> = await this.knex('gitops_releases')
      .select('id', 'product', 'version', 'status', 'created_at', 'notes')
      .whereNotNull('notes')
      .whereRaw(`lower(notes) like ? escape '\\'`, [
        `%${likeLiteral(text.toLowerCase())}%`,
      ])
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
