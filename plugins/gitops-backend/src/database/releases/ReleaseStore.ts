import { InputError } from '@backstage/errors';
import type {
  ReleaseFilter,
  ReleaseListResponse,
  ReleaseStatus,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';
import { ReleaseRecord } from '../../domain/releases/releaseRecord';
import { databaseNow } from '../databaseClock';
import { indexReleaseNotes } from '../deployments/ReleaseNotesSearch';
import type { ReleaseStore } from './ReleaseStoreContract';

const TABLE = 'gitops_releases';
const TRIGGERS = 'gitops_release_triggers';

/** Statuses of a release that is not finished. */
export const ACTIVE_STATUSES: ReleaseStatus[] = [
  'queued',
  'running',
  'waiting',
];

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

interface ReleaseRow {
  id: string;
  product: string;
  kind: string;
  flow: string | null;
  version: string;
  source_environment: string;
  source_revision: string | null;
  initiator: string;
  status: string;
  message: string | null;
  action: string | null;
  environments: string;
  steps: string;
  notes: string | null;
  plan: string;
  superseded_by: string | null;
  error: string | null;
  row_version: number;
  claimed_by: string | null;
  claim_expires_at: Date | string | number | null;
  next_run_at: Date | string | number | null;
  attempt: number;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  finished_at: Date | string | number | null;
}

/** SQLite hands timestamps back as numbers or strings, PostgreSQL as Dates. */
function iso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function optionalIso(value: Date | string | number | null | undefined) {
  return value === null || value === undefined ? undefined : iso(value);
}

function date(value: string | undefined): Date | null {
  return value ? new Date(value) : null;
}

function toRecord(row: ReleaseRow): ReleaseRecord {
  const steps = JSON.parse(row.steps) as ReleaseRecord['steps'];
  return {
    id: row.id,
    product: row.product,
    kind: row.kind as ReleaseRecord['kind'],
    ...(row.flow ? { flow: row.flow } : {}),
    version: row.version,
    sourceEnvironment: row.source_environment,
    ...(row.source_revision ? { sourceRevision: row.source_revision } : {}),
    initiator: row.initiator,
    status: row.status as ReleaseStatus,
    environments: steps.map(s => ({
      environment: s.environment,
      status: s.status,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    ...(row.superseded_by ? { supersededBy: row.superseded_by } : {}),
    ...(row.error ? { error: row.error } : {}),
    steps,
    ...(row.notes ? { notes: JSON.parse(row.notes) } : {}),
    ...(row.message ? { message: row.message } : {}),
    plan: JSON.parse(row.plan),
    rowVersion: Number(row.row_version),
    attempt: Number(row.attempt),
    ...(row.next_run_at ? { nextRunAt: optionalIso(row.next_run_at) } : {}),
  };
}

/** The columns a write sets from a record (not the claim, not the row version). */
function toColumns(record: ReleaseRecord) {
  return {
    product: record.product,
    kind: record.kind,
    flow: record.flow ?? null,
    version: record.version,
    source_environment: record.sourceEnvironment,
    source_revision: record.sourceRevision ?? null,
    initiator: record.initiator,
    status: record.status,
    message: record.message ?? null,
    action: record.plan.action ?? null,
    environments: `,${record.steps.map(s => s.environment).join(',')},`,
    steps: JSON.stringify(record.steps),
    notes: record.notes ? JSON.stringify(record.notes) : null,
    plan: JSON.stringify(record.plan),
    superseded_by: record.supersededBy ?? null,
    error: record.error ?? null,
    attempt: record.attempt,
    next_run_at: date(record.nextRunAt),
    updated_at: new Date(record.updatedAt),
    finished_at: date(record.finishedAt),
  };
}

/** The row a new release is stored as (unclaimed). */
export function toReleaseRow(record: ReleaseRecord) {
  return {
    id: record.id,
    ...toColumns(record),
    row_version: record.rowVersion,
    created_at: new Date(record.createdAt),
  };
}

export function toSummary(record: ReleaseRecord): ReleaseSummary {
  const {
    steps: _steps,
    notes: _notes,
    message: _message,
    plan: _plan,
    rowVersion: _rowVersion,
    attempt: _attempt,
    nextRunAt: _nextRunAt,
    ...summary
  } = record;
  return summary;
}

function encodeCursor(row: {
  created_at: ReleaseRow['created_at'];
  id: string;
}) {
  return Buffer.from(
    JSON.stringify([new Date(row.created_at).getTime(), row.id]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [time, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof time === 'number' && typeof id === 'string') {
      return [new Date(time), id];
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'Invalid cursor; pass the nextCursor of a previous answer unchanged',
  );
}

type Db = Knex | Knex.Transaction;

/**
 * Releases in the plugin database. Every write that moves a release is conditional on the
 * `row_version` the writer read, so concurrent writers (engine replicas, API requests) never lose
 * each other's changes: a stale write changes nothing and answers `false`.
 */
export class DatabaseReleaseStore implements ReleaseStore {
  constructor(private readonly knex: Knex) {}

  transaction<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(fn);
  }

  async create(record: ReleaseRecord, trx?: Knex.Transaction): Promise<void> {
    const db = trx ?? this.knex;
    await db(TABLE).insert(toReleaseRow(record));
    if (record.notes) await indexReleaseNotes(db, record.id, record.notes);
  }

  async get(id: string, trx?: Db): Promise<ReleaseRecord | undefined> {
    const row = await (trx ?? this.knex)<ReleaseRow>(TABLE)
      .where({ id })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Writes the record if nobody wrote it since it was read (its `rowVersion`); bumps the version in
   * the record on success. `claimedBy` also requires the writer to still hold the claim.
   */
  async update(
    record: ReleaseRecord,
    options: {
      trx?: Knex.Transaction;
      claimedBy?: string;
      /** With `claimedBy`: extends the claim by this long from the database's now, in the same write. */
      claimTtlMs?: number;
    } = {},
  ): Promise<boolean> {
    const db = options.trx ?? this.knex;
    const query = db(TABLE)
      .where({ id: record.id, row_version: record.rowVersion })
      .update({
        ...toColumns(record),
        row_version: record.rowVersion + 1,
        ...(options.claimedBy && options.claimTtlMs !== undefined
          ? { claim_expires_at: databaseNow(db, options.claimTtlMs) }
          : {}),
      });
    if (options.claimedBy) query.andWhere('claimed_by', options.claimedBy);
    const count = await query;
    if (count === 1) {
      // Notes are written once, by an update; adding terms already there changes nothing.
      if (record.notes) await indexReleaseNotes(db, record.id, record.notes);
      record.rowVersion += 1;
      return true;
    }
    return false;
  }

  async list(filter: ReleaseFilter = {}): Promise<ReleaseListResponse> {
    const limit = Math.min(
      Math.max(filter.limit ?? DEFAULT_LIMIT, 1),
      MAX_LIMIT,
    );
    const query = this.knex<ReleaseRow>(TABLE)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    if (filter.product) query.where('product', filter.product);
    if (filter.status) query.where('status', filter.status);
    if (filter.environment) {
      query.where('environments', 'like', `%,${filter.environment},%`);
    }
    if (filter.cursor) {
      const [time, id] = decodeCursor(filter.cursor);
      query.where(inner =>
        inner
          .where('created_at', '<', time)
          .orWhere(same =>
            same.where('created_at', time).andWhere('id', '<', id),
          ),
      );
    }
    const rows = await query;
    const page = rows.slice(0, limit);
    return {
      items: page.map(row => toSummary(toRecord(row))),
      ...(rows.length > limit
        ? { nextCursor: encodeCursor(page[page.length - 1]) }
        : {}),
    };
  }

  /** Unfinished releases of a product, oldest first. */
  async active(product: string, trx?: Db): Promise<ReleaseRecord[]> {
    const rows = await (trx ?? this.knex)<ReleaseRow>(TABLE)
      .where('product', product)
      .whereIn('status', ACTIVE_STATUSES)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  /** The source revision a version was promoted from before (for rollbacks), newest first. */
  async sourceRevisionOf(
    product: string,
    version: string,
  ): Promise<ReleaseRecord | undefined> {
    const row = await this.knex<ReleaseRow>(TABLE)
      .where({ product, version })
      .whereNotNull('source_revision')
      .orderBy('created_at', 'desc')
      .first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Ids of unfinished releases due to run (`next_run_at` by this replica's `now`) and not held by a
   * live claim (by the database's clock), oldest first.
   */
  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.knex(TABLE)
      .select('id')
      .whereIn('status', ACTIVE_STATUSES)
      .where(inner =>
        inner.whereNull('next_run_at').orWhere('next_run_at', '<=', now),
      )
      .where(inner =>
        inner
          .whereNull('claimed_by')
          .orWhere('claim_expires_at', '<', databaseNow(this.knex)),
      )
      .orderBy('created_at', 'asc')
      .limit(limit);
    return rows.map(row => row.id);
  }

  /** When the earliest unfinished release is due next; `undefined` when there is none. */
  async nextDue(): Promise<Date | undefined> {
    // One query per tick: the count tells "none active" from "active, due at once" (a null min).
    const row = await this.knex(TABLE)
      .whereIn('status', ACTIVE_STATUSES)
      .min({ at: 'next_run_at' })
      .count({ active: '*' })
      .first();
    if (!row || Number(row.active) === 0) return undefined;
    return row.at ? new Date(row.at) : new Date();
  }

  /**
   * Takes the release for `owner` for `ttlMs`, unless another live claim holds it. A single
   * conditional UPDATE, so two replicas can never both win; expiry is set and checked by the
   * database's clock, so a replica whose clock runs ahead cannot take a live claim.
   */
  async claim(id: string, owner: string, ttlMs: number): Promise<boolean> {
    const count = await this.knex(TABLE)
      .where({ id })
      .where(inner =>
        inner
          .whereNull('claimed_by')
          .orWhere('claim_expires_at', '<', databaseNow(this.knex))
          .orWhere('claimed_by', owner),
      )
      .update({
        claimed_by: owner,
        claim_expires_at: databaseNow(this.knex, ttlMs),
      });
    return count === 1;
  }

  /**
   * Gives the release back; `nextRunAt` says when any replica should look at it again. When someone
   * else wrote the release since `seenRowVersion` (an approval, a retry), it is due at once instead.
   */
  async releaseClaim(
    id: string,
    owner: string,
    next?: { at: Date; seenRowVersion: number },
  ): Promise<void> {
    const free = { claimed_by: null, claim_expires_at: null };
    if (next) {
      const count = await this.knex(TABLE)
        .where({ id, claimed_by: owner, row_version: next.seenRowVersion })
        .update({ ...free, next_run_at: next.at });
      if (count === 1) return;
      await this.knex(TABLE)
        .where({ id, claimed_by: owner })
        .update({ ...free, next_run_at: new Date() });
      return;
    }
    await this.knex(TABLE).where({ id, claimed_by: owner }).update(free);
  }

  /** Asks the engine to look at a release now (after an approval, a retry). */
  async wake(id: string, trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.knex)(TABLE)
      .where({ id })
      .whereIn('status', ACTIVE_STATUSES)
      .update({ next_run_at: new Date() });
  }

  /**
   * Records that an automatic flow started this version; `false` when it was started already
   * (by this replica or another).
   */
  async recordTrigger(
    entry: {
      product: string;
      flow: string;
      version: string;
      releaseId: string;
    },
    trx: Knex.Transaction,
  ): Promise<boolean> {
    await trx(TRIGGERS)
      .insert({
        product: entry.product,
        flow: entry.flow,
        version: entry.version,
        release_id: entry.releaseId,
        created_at: new Date(),
      })
      .onConflict(['product', 'flow', 'version'])
      .ignore();
    // Drivers differ in what an ignored insert answers; the stored row says who won.
    const row = await trx(TRIGGERS)
      .where({
        product: entry.product,
        flow: entry.flow,
        version: entry.version,
      })
      .first();
    return row?.release_id === entry.releaseId;
  }

  async hasTrigger(product: string, flow: string, version: string) {
    const row = await this.knex(TRIGGERS)
      .where({ product, flow, version })
      .first();
    return Boolean(row);
  }
}
