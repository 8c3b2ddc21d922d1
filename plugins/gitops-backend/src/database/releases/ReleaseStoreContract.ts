import type {
  ReleaseFilter,
  ReleaseListResponse,
} from '@slipway/plugin-gitops-common';
import type { Knex } from 'knex';
import type { ReleaseRecord } from '../../domain/releases/releaseRecord';

type Db = Knex | Knex.Transaction;

/**
 * Where releases are kept: what the engine, the planner and the release actions ask for. The
 * database implementation is `DatabaseReleaseStore`; writes are conditional on the row version the
 * writer read, and claims keep replicas from advancing the same release at once.
 */
export interface ReleaseStore {
  transaction<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  create(record: ReleaseRecord, trx?: Knex.Transaction): Promise<void>;
  get(id: string, trx?: Db): Promise<ReleaseRecord | undefined>;
  /**
   * Writes the record if nobody wrote it since it was read; bumps `rowVersion` in the record on
   * success and answers `false` (writing nothing) when it was stale.
   */
  update(
    record: ReleaseRecord,
    options?: {
      trx?: Knex.Transaction;
      /** Also requires the writer to still hold the claim. */
      claimedBy?: string;
      /** With `claimedBy`: extends the claim by this long from the database's now, in the same write. */
      claimTtlMs?: number;
    },
  ): Promise<boolean>;
  list(filter?: ReleaseFilter): Promise<ReleaseListResponse>;
  /** Unfinished releases of a product, oldest first. */
  active(product: string, trx?: Db): Promise<ReleaseRecord[]>;
  /** The newest release of this version with a source revision (for rollbacks). */
  sourceRevisionOf(
    product: string,
    version: string,
  ): Promise<ReleaseRecord | undefined>;
  /** Ids of unfinished releases due to run and not held by a live claim, oldest first. */
  due(now: Date, limit: number): Promise<string[]>;
  /** When the earliest unfinished release is due next; `undefined` when there is none. */
  nextDue(): Promise<Date | undefined>;
  /** Takes the release for `owner` for `ttlMs` by the database's clock, unless another live claim holds it. */
  claim(id: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the release back; `next` says when to look at it again. */
  releaseClaim(
    id: string,
    owner: string,
    next?: { at: Date; seenRowVersion: number },
  ): Promise<void>;
  /** Asks the engine to look at a release now. */
  wake(id: string, trx?: Knex.Transaction): Promise<void>;
  /** Records that an automatic flow started this version; `false` when it had been started already. */
  recordTrigger(
    entry: {
      product: string;
      flow: string;
      version: string;
      releaseId: string;
    },
    trx: Knex.Transaction,
  ): Promise<boolean>;
  hasTrigger(product: string, flow: string, version: string): Promise<boolean>;
}
