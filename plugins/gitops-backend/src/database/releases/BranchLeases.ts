import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { databaseNow } from '../databaseClock';

const TABLE = 'gitops_branch_leases';

/**
 * Short leases on a repository branch, so engine replicas take turns committing to it. Within one
 * replica every writer shares the replica's lease; the lease is given back when the replica's last
 * write to that branch finished, or expires if the replica died.
 */
export class BranchLeases {
  private readonly local = new Map<string, number>();

  constructor(
    private readonly knex: Knex,
    private readonly owner: string,
    private readonly ttlMs = 30_000,
  ) {}

  static keyOf(url: string, branch: string): string {
    return createHash('sha256').update(`${url}\n${branch}`).digest('hex');
  }

  /**
   * Takes (or renews) the lease; `false` while another replica holds it. Expiry is set and checked by
   * the database's clock, never this replica's.
   */
  async acquire(key: string): Promise<boolean> {
    await this.knex(TABLE)
      .insert({
        branch_key: key,
        holder: this.owner,
        expires_at: databaseNow(this.knex, this.ttlMs),
      })
      .onConflict('branch_key')
      .ignore();
    const count = await this.knex(TABLE)
      .where('branch_key', key)
      .where(inner =>
        inner
          .where('holder', this.owner)
          .orWhere('expires_at', '<', databaseNow(this.knex)),
      )
      .update({
        holder: this.owner,
        expires_at: databaseNow(this.knex, this.ttlMs),
      });
    if (count !== 1) return false;
    this.local.set(key, (this.local.get(key) ?? 0) + 1);
    return true;
  }

  async release(key: string): Promise<void> {
    const left = (this.local.get(key) ?? 1) - 1;
    if (left > 0) {
      this.local.set(key, left);
      return;
    }
    this.local.delete(key);
    await this.knex(TABLE)
      .where({ branch_key: key, holder: this.owner })
      .delete();
  }
}
