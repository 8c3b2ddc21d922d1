import type { Knex } from 'knex';
import { OUTSIDE_SLIPWAY } from '../../domain/insights/deployments';
import type {
  Deployment,
  DeploymentOutcome,
} from '../../domain/insights/deployments';

const TABLE = 'gitops_deployments';
/** How far apart two sightings of one deployment may be stamped (sync end, healthy after verification). */
const SAME_DEPLOYMENT_MS = 15 * 60_000;

/** Which deployments to read; times compare with `syncedAt`, `from` inclusive, `to` exclusive. */
export interface DeploymentFilter {
  products?: readonly string[];
  environments?: readonly string[];
  from?: Date;
  to?: Date;
}

/** Deployment history (`gitops_deployments`). */
export interface DeploymentStore {
  /**
   * Records a deployment; `false` when the application's revision at that sync time was already
   * recorded (then only a health it did not know yet is added). Marks what it replaced: the
   * application's previous deployment becomes `rolled-back` when this one is a rollback, or
   * `superseded` when it was still syncing.
   */
  record(deployment: Deployment): Promise<boolean>;
  /** Deployments matching the filter, oldest first. */
  list(filter: DeploymentFilter): Promise<Deployment[]>;
  /**
   * Deployments that may carry a change, oldest first, at most `limit` (the newest): their source commits
   * mention the text, their revision starts with it, their version is it, or a listed release made
   * them. Callers check each candidate exactly.
   */
  candidates(search: {
    text: string;
    releaseIds: readonly string[];
    limit: number;
  }): Promise<Deployment[]>;
}

/** `text` for a LIKE pattern with `\` as escape character: `%` and `_` match themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** A `gitops_deployments` row as the store writes it. */
export interface DeploymentRow {
  product: string;
  environment: string;
  runtime: string;
  namespace: string;
  name: string;
  version: string | null;
  revision: string;
  source_commits: string;
  synced_at: Date | string | number;
  healthy_at: Date | string | number | null;
  failed_at: Date | string | number | null;
  release_id: string;
  release_kind: string | null;
  outcome: string;
}

const iso = (value: Date | string | number) => new Date(value).toISOString();

/** The row a deployment is stored as (no id: the database assigns it). */
export function toDeploymentRow(d: Deployment): DeploymentRow {
  return {
    product: d.product,
    environment: d.environment,
    runtime: d.application.runtime,
    namespace: d.application.namespace,
    name: d.application.name,
    version: d.version ?? null,
    revision: d.revision,
    source_commits: JSON.stringify(d.sourceCommits),
    synced_at: new Date(d.syncedAt),
    healthy_at: d.healthyAt ? new Date(d.healthyAt) : null,
    failed_at: d.failedAt ? new Date(d.failedAt) : null,
    release_id: d.releaseId,
    release_kind: d.releaseKind ?? null,
    outcome: d.outcome,
  };
}

function fromRow(row: DeploymentRow): Deployment {
  return {
    product: row.product,
    environment: row.environment,
    application: {
      runtime: row.runtime,
      namespace: row.namespace,
      name: row.name,
    },
    ...(row.version !== null ? { version: row.version } : {}),
    revision: row.revision,
    sourceCommits: JSON.parse(row.source_commits),
    syncedAt: iso(row.synced_at),
    ...(row.healthy_at !== null ? { healthyAt: iso(row.healthy_at) } : {}),
    ...(row.failed_at !== null ? { failedAt: iso(row.failed_at) } : {}),
    releaseId: row.release_id,
    ...(row.release_kind !== null
      ? { releaseKind: row.release_kind as Deployment['releaseKind'] }
      : {}),
    outcome: row.outcome as DeploymentOutcome,
  };
}

export class KnexDeploymentStore implements DeploymentStore {
  constructor(private readonly knex: Knex) {}

  async record(deployment: Deployment): Promise<boolean> {
    const row = toDeploymentRow(deployment);
    const key = {
      runtime: row.runtime,
      namespace: row.namespace,
      name: row.name,
      revision: row.revision,
      synced_at: row.synced_at,
    };
    return this.knex.transaction(async tx => {
      if (await this.mergeIntoNear(tx, row)) return false;
      const inserted = await tx(TABLE)
        .insert(row)
        .onConflict(['runtime', 'namespace', 'name', 'revision', 'synced_at'])
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        if (row.healthy_at) {
          await tx(TABLE)
            .where(key)
            .whereNull('healthy_at')
            .update({ healthy_at: row.healthy_at, outcome: 'healthy' });
        }
        return false;
      }
      await this.markReplaced(tx, row);
      return true;
    });
  }

  /**
   * The same deployment seen twice (Argo CD's history stamps it when the sync ended, a release when it
   * turned healthy) is one row: a row of the same application and revision within minutes takes what
   * the new one adds (the release that made it, when it turned healthy) and no row is added.
   */
  private async mergeIntoNear(
    tx: Knex.Transaction,
    row: DeploymentRow,
  ): Promise<boolean> {
    const at = new Date(row.synced_at).getTime();
    const near: DeploymentRow & { id: string | number } = await tx(TABLE)
      .where({
        runtime: row.runtime,
        namespace: row.namespace,
        name: row.name,
        revision: row.revision,
      })
      .whereBetween('synced_at', [
        new Date(at - SAME_DEPLOYMENT_MS),
        new Date(at + SAME_DEPLOYMENT_MS),
      ])
      .first();
    if (!near) return false;
    const patch: Partial<DeploymentRow> = {};
    if (
      near.release_id === OUTSIDE_SLIPWAY &&
      row.release_id !== OUTSIDE_SLIPWAY
    ) {
      Object.assign(patch, {
        release_id: row.release_id,
        release_kind: row.release_kind,
        version: row.version ?? near.version,
        source_commits: row.source_commits,
      });
    }
    if (row.healthy_at && near.healthy_at === null) {
      Object.assign(patch, { healthy_at: row.healthy_at, outcome: 'healthy' });
    }
    if (Object.keys(patch).length > 0) {
      await tx(TABLE).where({ id: near.id }).update(patch);
    }
    return true;
  }

  private async markReplaced(tx: Knex.Transaction, row: DeploymentRow) {
    const previous: { id: string | number; outcome: string } | undefined =
      await tx(TABLE)
        .where({
          runtime: row.runtime,
          namespace: row.namespace,
          name: row.name,
        })
        .where('synced_at', '<', row.synced_at)
        .orderBy('synced_at', 'desc')
        .first('id', 'outcome');
    if (!previous) return;
    if (row.release_kind === 'rollback' && previous.outcome !== 'rolled-back') {
      await tx(TABLE)
        .where({ id: previous.id })
        .update({ outcome: 'rolled-back' });
    } else if (previous.outcome === 'syncing') {
      await tx(TABLE)
        .where({ id: previous.id })
        .update({ outcome: 'superseded' });
    }
  }

  async list(filter: DeploymentFilter): Promise<Deployment[]> {
    const query = this.knex<DeploymentRow>(TABLE).select();
    if (filter.products) query.whereIn('product', [...filter.products]);
    if (filter.environments) {
      query.whereIn('environment', [...filter.environments]);
    }
    if (filter.from) query.where('synced_at', '>=', filter.from);
    if (filter.to) query.where('synced_at', '<', filter.to);
    const rows = await query.orderBy([
      { column: 'synced_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(fromRow);
  }

  async candidates(search: {
    text: string;
    releaseIds: readonly string[];
    limit: number;
  }): Promise<Deployment[]> {
    const text = likeLiteral(search.text.toLowerCase());
    const rows = await this.knex<DeploymentRow>(TABLE)
      .select()
      .where(q => {
        q.whereRaw(`lower(source_commits) like ? escape '\\'`, [`%${text}%`])
          .orWhereRaw(`lower(revision) like ? escape '\\'`, [`${text}%`])
          .orWhereRaw('lower(version) = ?', [search.text.toLowerCase()]);
        if (search.releaseIds.length > 0) {
          q.orWhereIn('release_id', [...search.releaseIds]);
        }
      })
      // The newest, when there are more than the limit.
      .orderBy([
        { column: 'synced_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(search.limit);
    return rows.reverse().map(fromRow);
  }
}
