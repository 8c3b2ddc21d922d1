import type { Knex } from 'knex';
import { deploymentTerms, termLookup } from '../../domain/insights/changeTerms';
import { OUTSIDE_SLIPWAY } from '../../domain/insights/deployments';
import type {
  Deployment,
  DeploymentOutcome,
} from '../../domain/insights/deployments';
import { type DeploymentUnit, unitScope } from '../../domain/insights/dora';
import { isPostgres } from '../dialect';

const TABLE = 'gitops_deployments';
const TERMS = 'gitops_deployment_terms';
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
   * The units of the deployments matching the filter (as `unitsOf` groups them, without their rows),
   * grouped by the database; source commits only for changes that turned healthy, as lead time needs.
   */
  units(filter: DeploymentFilter): Promise<DeploymentUnit[]>;
  /**
   * Deployments that may carry a change, oldest first, at most `limit` (the newest): for a commit, its
   * revision or a source commit's SHA starts with the text; else its version, a source commit's author
   * or issue key is the text; or a listed release made them. Callers check each candidate exactly.
   */
  candidates(search: {
    kind: 'issue' | 'commit' | 'text';
    text: string;
    releaseIds: readonly string[];
    limit: number;
  }): Promise<Deployment[]>;
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

/** A unit of deployments as `units` groups them. */
interface UnitRow {
  product: string;
  environment: string;
  synced_at: Date | string | number;
  healthy_at: Date | string | number | null;
  failed_at: Date | string | number | null;
  unhealthy: number | string;
  failures: number | string;
  rollbacks: number | string;
  source_commits: string | null;
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

/**
 * The applications of one release carry the same source commits: each distinct JSON text is parsed
 * once per read (the arrays are shared, and nobody changes a read deployment).
 */
function commitParser(): (json: string) => Deployment['sourceCommits'] {
  const parsed = new Map<string, Deployment['sourceCommits']>();
  return json => {
    let commits = parsed.get(json);
    if (!commits) {
      commits = JSON.parse(json) as Deployment['sourceCommits'];
      parsed.set(json, commits);
    }
    return commits;
  };
}

function fromRow(
  row: DeploymentRow,
  commits: (json: string) => Deployment['sourceCommits'],
): Deployment {
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
    sourceCommits: commits(row.source_commits),
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
      if (await this.mergeIntoNear(tx, row, deployment)) return false;
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
      await this.index(tx, inserted[0], deployment);
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
    deployment: Deployment,
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
    if (patch.source_commits) await this.index(tx, near, deployment);
    return true;
  }

  /** Adds the terms a deployment is found by (`id` as insert … returning gives it, or the row). */
  private async index(
    tx: Knex.Transaction,
    inserted: { id: string | number } | string | number,
    deployment: Deployment,
  ) {
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    const rows = deploymentTerms(deployment).map(term => ({
      term,
      deployment_id: id,
    }));
    if (rows.length === 0) return;
    await tx(TERMS).insert(rows).onConflict(['term', 'deployment_id']).ignore();
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
      // Rolled back: it failed from the moment it went live, unless a failure was seen earlier.
      await tx(TABLE)
        .where({ id: previous.id })
        .update({
          outcome: 'rolled-back',
          failed_at: tx.raw('COALESCE(failed_at, synced_at)'),
        });
    } else if (previous.outcome === 'syncing') {
      await tx(TABLE)
        .where({ id: previous.id })
        .update({ outcome: 'superseded' });
    }
  }

  private filtered(filter: DeploymentFilter) {
    const query = this.knex<DeploymentRow>(TABLE);
    if (filter.products) query.whereIn('product', [...filter.products]);
    if (filter.environments) {
      query.whereIn('environment', [...filter.environments]);
    }
    if (filter.from) query.where('synced_at', '>=', filter.from);
    if (filter.to) query.where('synced_at', '<', filter.to);
    return query;
  }

  async list(filter: DeploymentFilter): Promise<Deployment[]> {
    const rows = await this.filtered(filter)
      .select()
      .orderBy([
        { column: 'synced_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    const commits = commitParser();
    return rows.map(row => fromRow(row, commits));
  }

  async units(filter: DeploymentFilter): Promise<DeploymentUnit[]> {
    const raw = (sql: string, bindings: readonly Knex.Value[] = []) =>
      this.knex.raw(sql, bindings);
    // Deployments outside Slipway are one unit per revision; a release's are one unit.
    const outsideRevision = raw(
      `CASE WHEN release_id = ? THEN revision ELSE '' END`,
      [OUTSIDE_SLIPWAY],
    );
    const unhealthy = `SUM(CASE WHEN healthy_at IS NULL OR outcome = 'degraded' THEN 1 ELSE 0 END)`;
    const rollbacks = `SUM(CASE WHEN release_kind = 'rollback' THEN 1 ELSE 0 END)`;
    const distinctCommits = isPostgres(this.knex)
      ? `string_agg(DISTINCT source_commits, ',')`
      : `group_concat(DISTINCT source_commits)`;
    const rows: UnitRow[] = await this.filtered(filter)
      .select('product', 'environment')
      .min({ synced_at: 'synced_at' })
      .max({ healthy_at: 'healthy_at' })
      .min({ failed_at: 'failed_at' })
      .select(
        raw(`${unhealthy} AS unhealthy`),
        raw(
          `SUM(CASE WHEN outcome IN ('degraded', 'rolled-back') THEN 1 ELSE 0 END) AS failures`,
        ),
        raw(`${rollbacks} AS rollbacks`),
        raw(
          `CASE WHEN ${unhealthy} = 0 AND ${rollbacks} = 0 THEN ${distinctCommits} END AS source_commits`,
        ),
      )
      .groupBy('product', 'environment', 'release_id', outsideRevision);
    return rows.map(row => {
      const healthy = Number(row.unhealthy) === 0;
      const failed = Number(row.failures) > 0;
      return {
        scope: unitScope(row.product, row.environment),
        syncedAt: new Date(row.synced_at).getTime(),
        ...(healthy ? { healthyAt: new Date(row.healthy_at!).getTime() } : {}),
        ...(row.failed_at !== null
          ? { failedAt: new Date(row.failed_at).getTime() }
          : {}),
        failed,
        counted: failed || healthy,
        rollback: Number(row.rollbacks) > 0,
        // Each distinct JSON array once, joined by commas: one array of arrays.
        commits: row.source_commits
          ? (
              JSON.parse(
                `[${row.source_commits}]`,
              ) as Deployment['sourceCommits'][]
            ).flat()
          : [],
      };
    });
  }

  async candidates(search: {
    kind: 'issue' | 'commit' | 'text';
    text: string;
    releaseIds: readonly string[];
    limit: number;
  }): Promise<Deployment[]> {
    const lookup = termLookup(search.kind, search.text);
    const found = this.knex(TERMS).select('deployment_id');
    if ('equals' in lookup) found.where('term', lookup.equals);
    else found.where('term', '>=', lookup.low).where('term', '<', lookup.high);
    // A union, not an OR: each side reads its index, where an OR would read the whole table.
    if (search.releaseIds.length > 0) {
      found.union(
        this.knex(TABLE)
          .select('id')
          .whereIn('release_id', [...search.releaseIds]),
      );
    }
    const rows = await this.knex<DeploymentRow>(TABLE)
      .select()
      .whereIn('id', found)
      // The newest, when there are more than the limit.
      .orderBy([
        { column: 'synced_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(search.limit);
    const commits = commitParser();
    return rows.reverse().map(row => fromRow(row, commits));
  }
}
