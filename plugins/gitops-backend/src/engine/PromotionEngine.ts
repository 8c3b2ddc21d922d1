import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GitProviderRegistry,
  ReleaseEventListener,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { AuditRecorder, NewAuditEvent } from '../database/audit/AuditRecorder';
import { ACTIVE_STATUSES } from '../database/releases/ReleaseStore';
import type { ReleaseStore } from '../database/releases/ReleaseStoreContract';
import { ReleaseRecord } from '../domain/releases/releaseRecord';
import { BranchLeases } from '../database/releases/BranchLeases';
import {
  FINISHED_RELEASE_STATUSES,
  isActiveStep,
  readySteps,
  releaseStatusFromSteps,
  stepsToSkip,
  terminatePlan,
  transitionRelease,
  transitionStep,
} from '../domain/releases/releaseState';
import { releaseCreatedEvent, releaseEventsOf } from './events/releaseEventsOf';
import { ReleaseEventDispatcher } from './events/ReleaseEventDispatcher';
import { environmentVersion, ReleasePlanner } from './ReleasePlanner';
import { collectReleaseNotes } from './releaseNotes';
import { DeniedWrite, LandedCommit, StepRunner } from './StepRunner';
import {
  statusesOf,
  transitionEvents,
  ReleaseStatuses,
} from './transitionEvents';
import { EngineRuntimes, ReleaseChangePublisher } from './types';
import { BoardModel } from '../delivery/boardModel';
import { DeliveryReader } from '../delivery/DeliveryReader';
import { ENGINE_INITIATOR, EngineWriteGuard } from './writeGuard';

export interface PromotionEngineOptions {
  store: ReleaseStore;
  delivery: DeliveryReader;
  runtimes: EngineRuntimes;
  git: GitProviderRegistry;
  audit: AuditRecorder;
  logger: LoggerService;
  publish?: ReleaseChangePublisher;
  /** This replica's name in claims; random by default. */
  owner?: string;
  /** How long verification waits for Synced at the promoted revision and Healthy (default 10 min). */
  verifyTimeoutMs?: number;
  /** How often a syncing step asks the runtime again (default 1 s). */
  pollIntervalMs?: number;
  /** How often an open pull request is looked at (default 15 s). */
  pullRequestPollMs?: number;
  /** A claim not renewed for this long is taken over by another replica (default 60 s). */
  claimTtlMs?: number;
  /** Releases advanced at once by this replica (default 8). */
  concurrency?: number;
  /** How often automatic flows are checked for a new version (default 5 s). */
  triggerIntervalMs?: number;
  /** Branch leases in the database, so replicas take turns committing to one branch. */
  leases?: (owner: string) => BranchLeases;
  /** Refuses a write the release's initiator may not make (checked right before each commit). */
  guard?: EngineWriteGuard;
  /** Told of every release event once it is stored (`gitopsReleaseEventsExtensionPoint`). */
  listeners?: readonly ReleaseEventListener[];
  /** Gate types modules added (`gitopsGateTypesExtensionPoint`). */
  gateTypes?: readonly ReleaseGateType[];
  /** How long a listener or a gate type may take to answer (default 10 s). */
  extensionTimeoutMs?: number;
}

/** Raised when someone else wrote the release since it was read: the engine re-reads and goes on. */
class StaleRelease extends Error {}

const QUEUE_RECHECK_MS = 2_000;
const MAX_ROUNDS = 100;
/** The longest a replica with unfinished releases waits before it looks again. */
const IDLE_RECHECK_MS = 5_000;

/**
 * Advances releases stored in the database. Any number of replicas may run one: a release is
 * claimed with a conditional UPDATE before anything is done with it, each transition is saved
 * (with its audit events, in one transaction) before the next side effect, and a claim that is not
 * renewed expires so another replica resumes the work of one that died.
 */
export class PromotionEngine {
  readonly owner: string;
  readonly planner: ReleasePlanner;
  private readonly runner: StepRunner;
  private readonly pollIntervalMs: number;
  private readonly claimTtlMs: number;
  private readonly concurrency: number;
  private readonly triggerIntervalMs: number;
  private ticking?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private stopped = false;
  private lastTriggerCheck = 0;
  private readonly inFlight = new Set<string>();
  private readonly events: ReleaseEventDispatcher;

  constructor(private readonly options: PromotionEngineOptions) {
    this.owner = options.owner ?? `gitops-${randomUUID()}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.claimTtlMs = options.claimTtlMs ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    this.triggerIntervalMs = options.triggerIntervalMs ?? 5_000;
    this.planner = new ReleasePlanner({ store: options.store });
    this.runner = new StepRunner({
      git: options.git,
      runtimes: options.runtimes,
      logger: options.logger,
      verifyTimeoutMs: options.verifyTimeoutMs ?? 10 * 60_000,
      pollIntervalMs: this.pollIntervalMs,
      pullRequestPollMs: options.pullRequestPollMs ?? 15_000,
      leases: options.leases?.(this.owner),
      guard: options.guard,
      gateTypes: options.gateTypes ?? [],
      extensionTimeoutMs: options.extensionTimeoutMs ?? 10_000,
    });
    this.events = new ReleaseEventDispatcher({
      listeners: options.listeners ?? [],
      logger: options.logger,
      timeoutMs: options.extensionTimeoutMs ?? 10_000,
    });
  }

  get store(): ReleaseStore {
    return this.options.store;
  }

  /** Stops timers; a tick in progress finishes, its claims are released. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await this.events.drain();
  }

  /** Runs a tick soon (after a new release, an approval or a retry) without waiting for the scheduler. */
  wake(delayMs = 0): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.tick().catch(error =>
        this.options.logger.error(`Promotion engine tick failed: ${error}`),
      );
    }, Math.max(delayMs, 0));
    this.timer.unref?.();
  }

  /** One pass: start automatic flows, then advance every due release this replica can claim. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      await this.ticking;
      return;
    }
    this.ticking = this.tickOnce().finally(() => {
      this.ticking = undefined;
    });
    await this.ticking;
    if (this.again && !this.stopped) {
      this.again = false;
      this.wake();
    }
  }

  private async tickOnce(): Promise<void> {
    if (Date.now() - this.lastTriggerCheck >= this.triggerIntervalMs) {
      this.lastTriggerCheck = Date.now();
      await this.startAutomaticReleases().catch(error =>
        this.options.logger.warn(`Automatic promotions not checked: ${error}`),
      );
    }
    const due = (
      await this.options.store.due(new Date(), this.concurrency * 4)
    ).filter(id => !this.inFlight.has(id));
    let next = Infinity;
    const queue = [...due];
    const workers = Array.from(
      { length: Math.min(this.concurrency, queue.length) },
      async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const delay = await this.runRelease(id);
          if (delay !== undefined) next = Math.min(next, delay);
        }
      },
    );
    await Promise.all(workers);
    // Releases not due yet (or held by another replica) are looked at when they are due, so a
    // replica does not depend on its scheduler's frequency to keep a release moving.
    const dueAt = await this.options.store.nextDue();
    if (dueAt) {
      next = Math.min(
        next,
        Math.max(dueAt.getTime() - Date.now() + 10, this.pollIntervalMs),
        IDLE_RECHECK_MS,
      );
    }
    if (next !== Infinity) this.wake(next);
  }

  /** Claims and advances one release; answers when to look at it again (ms), if it is still active. */
  private async runRelease(id: string): Promise<number | undefined> {
    const { store, logger } = this.options;
    if (!(await store.claim(id, this.owner, this.claimTtlMs))) {
      return undefined;
    }
    this.inFlight.add(id);
    let delay: number | undefined = this.pollIntervalMs;
    let seen = -1;
    try {
      for (let round = 0; round < MAX_ROUNDS && !this.stopped; round++) {
        const record = await store.get(id);
        if (!record || !ACTIVE_STATUSES.includes(record.status)) {
          delay = undefined;
          break;
        }
        try {
          const step = await this.advance(record);
          seen = record.rowVersion;
          if (step.again) continue;
          delay = step.delayMs;
          if (FINISHED_RELEASE_STATUSES.includes(record.status)) {
            delay = undefined;
          }
          break;
        } catch (error) {
          if (error instanceof StaleRelease) continue;
          throw error;
        }
      }
    } catch (error) {
      logger.error(`Release ${id} could not advance: ${error}`);
      delay = this.pollIntervalMs * 5;
    } finally {
      this.inFlight.delete(id);
      await store
        .releaseClaim(
          id,
          this.owner,
          delay === undefined || seen < 0
            ? undefined
            : { at: new Date(Date.now() + delay), seenRowVersion: seen },
        )
        .catch(error =>
          logger.warn(`Release ${id}: claim not released: ${error}`),
        );
    }
    return delay;
  }

  /**
   * One transition of a release (or several independent steps' transitions). `again`: something was
   * saved and the release should be looked at once more right away.
   */
  private async advance(
    record: ReleaseRecord,
  ): Promise<{ again: boolean; delayMs: number }> {
    const config = await this.options.delivery.config();
    const now = new Date();
    const before = statusesOf(record);
    const product = config.products.find(p => p.name === record.product);
    if (!product) {
      record.error = `Product '${record.product}' is no longer in the delivery config`;
      this.finishAs(record, 'failed', now);
      await this.save(record, before);
      return { again: false, delayMs: 0 };
    }

    if (record.status === 'queued') {
      const earlier = (await this.options.store.active(record.product)).filter(
        other =>
          other.id !== record.id &&
          (other.createdAt < record.createdAt ||
            (other.createdAt === record.createdAt && other.id < record.id)),
      );
      if (earlier.length > 0) {
        return { again: false, delayMs: QUEUE_RECHECK_MS };
      }
      transitionRelease(record, 'running');
      await this.save(record, before);
      return { again: true, delayMs: 0 };
    }

    const trigger = record.sourceEnvironment;
    for (const environment of readySteps(record.steps, trigger)) {
      if (record.plan.terminate) break;
      this.runner.start(
        record.steps.find(s => s.environment === environment)!,
        now,
      );
    }
    if (record.steps.some(s => s.status !== before.steps[s.environment])) {
      await this.save(record, before);
      return { again: true, delayMs: 0 };
    }

    let delayMs = Infinity;
    let waiting = 0;
    let active = 0;
    for (const step of record.steps.filter(s => isActiveStep(s.status))) {
      active += 1;
      const environment = config.environments.find(
        e => e.name === step.environment,
      );
      if (!environment) {
        transitionStep(step, 'failed');
        step.error = `Environment '${step.environment}' is no longer in the delivery config`;
        step.finishedAt = now.toISOString();
        await this.save(record, before);
        return { again: true, delayMs: 0 };
      }
      const progress = await this.runner.advance(record, step, {
        product,
        environment,
        now,
      });
      if (progress.changed) {
        if (progress.delayMs > 0) {
          // A change that asks for a pause (a gate now holding, a contended commit, an app still
          // syncing): the release shows whether it is held, and is looked at later.
          const status = releaseStatusFromSteps(record.steps, isHeld(record));
          if (
            !FINISHED_RELEASE_STATUSES.includes(status) &&
            status !== record.status
          ) {
            transitionRelease(record, status);
          }
          await this.save(record, before, progress.commits, progress.denied);
          return { again: false, delayMs: progress.delayMs };
        }
        if (step.status === 'syncing' && !record.notes) {
          // The first commits landed: what they bring, while Argo CD syncs (best effort).
          record.notes = await collectReleaseNotes(
            this.options.git,
            record.steps[0],
            record.plan.sources,
          );
        }
        await this.save(record, before, progress.commits, progress.denied);
        return { again: true, delayMs: 0 };
      }
      if (progress.waiting) waiting += 1;
      delayMs = Math.min(delayMs, progress.delayMs);
    }

    // Nothing moved: settle the release status (waiting vs running, or finished).
    const holding = active > 0 && waiting === active;
    let status = releaseStatusFromSteps(record.steps, holding);
    if (FINISHED_RELEASE_STATUSES.includes(status)) {
      for (const environment of stepsToSkip(record.steps)) {
        const step = record.steps.find(s => s.environment === environment)!;
        transitionStep(step, 'skipped');
      }
      status = releaseStatusFromSteps(record.steps, false);
      const failed = record.steps.find(s => s.status === 'failed');
      if (status === 'failed' && failed) {
        record.error = `${failed.environment}: ${failed.error ?? 'failed'}`;
      }
      if (status === 'terminated' && record.plan.terminate?.reason) {
        record.error ??= `Terminated: ${record.plan.terminate.reason}`;
      }
      this.finishAs(record, status, now);
      await this.save(record, before);
      await this.wakeQueued(record.product);
      return { again: false, delayMs: 0 };
    }
    if (status !== record.status) {
      transitionRelease(record, status);
      await this.save(record, before);
    }
    return {
      again: false,
      delayMs: delayMs === Infinity ? this.pollIntervalMs : delayMs,
    };
  }

  private finishAs(
    record: ReleaseRecord,
    status: ReleaseRecord['status'],
    now: Date,
  ) {
    transitionRelease(record, status);
    record.finishedAt = now.toISOString();
    delete record.nextRunAt;
  }

  /** The next queued release of the product may start now. */
  private async wakeQueued(product: string) {
    const [next] = await this.options.store.active(product);
    if (next) {
      await this.options.store.wake(next.id);
      this.wake();
    }
  }

  /** Saves the release with the audit events of its transitions and of the commits that landed. */
  private async save(
    record: ReleaseRecord,
    before: ReleaseStatuses,
    commits: LandedCommit[] = [],
    denied: DeniedWrite[] = [],
  ) {
    const now = new Date();
    record.updatedAt = now.toISOString();
    record.environments = record.steps.map(s => ({
      environment: s.environment,
      status: s.status,
    }));
    const events: NewAuditEvent[] = [
      ...commits.map(
        (commit): NewAuditEvent => ({
          actor: record.initiator,
          action: 'git.commit',
          target: `application:${commit.application}`,
          product: record.product,
          environment: commit.environment,
          releaseId: record.id,
          outcome: 'succeeded',
          commitSha: commit.sha,
          repository: commit.repository,
          source: 'engine',
          details: { version: record.version },
        }),
      ),
      ...denied.map(
        (write): NewAuditEvent => ({
          actor: record.initiator,
          action: 'git.commit',
          target: `application:${write.application}`,
          product: record.product,
          environment: write.environment,
          releaseId: record.id,
          outcome: 'denied',
          repository: write.repository,
          source: 'engine',
          details: { version: record.version, error: write.reason },
        }),
      ),
      ...transitionEvents(before, record, 'engine', 'engine'),
    ];
    const saved = await this.options.store.transaction(async trx => {
      const ok = await this.options.store.update(record, {
        trx,
        claimedBy: this.owner,
        claimTtlMs: this.claimTtlMs,
      });
      if (!ok) return false;
      await this.recordAll(events, trx);
      return true;
    });
    if (!saved) throw new StaleRelease(`release ${record.id} changed`);
    // Later transitions of the same look compare with what is now saved.
    const previous = { ...before };
    Object.assign(before, statusesOf(record));
    await this.publish(record, previous);
  }

  private async recordAll(events: NewAuditEvent[], trx: Knex.Transaction) {
    for (const event of events) {
      await this.options.audit.record(event, { transaction: trx });
    }
  }

  /**
   * Tells the frontend (signals) that a stored release changed; with `before` (the release as it was
   * read for the write) also hands its release events to the listeners.
   */
  async publish(
    record: ReleaseRecord,
    before?: ReleaseStatuses,
  ): Promise<void> {
    if (before) this.events.emit(releaseEventsOf(before, record, new Date()));
    try {
      await this.options.publish?.({
        id: record.id,
        product: record.product,
        status: record.status,
      });
    } catch (error) {
      this.options.logger.warn(
        `Release ${record.id}: signal not sent: ${error}`,
      );
    }
  }

  /**
   * Stores a new release. With concurrency `supersede`, unfinished older releases of the product are
   * terminated in the same transaction and name the new one; with `queue` they run first.
   */
  async submit(
    record: ReleaseRecord,
    options: {
      concurrency: 'queue' | 'supersede';
      /** Runs in the transaction that stores the release (the API's `promotion.create` audit event). */
      inTransaction?: (trx: Knex.Transaction) => Promise<void>;
      trigger?: { flow: string };
    },
  ): Promise<boolean> {
    const { store } = this.options;
    const superseded: Array<{
      record: ReleaseRecord;
      before: ReleaseStatuses;
    }> = [];
    const created = await store.transaction(async trx => {
      if (options.trigger) {
        const first = await store.recordTrigger(
          {
            product: record.product,
            flow: options.trigger.flow,
            version: record.version,
            releaseId: record.id,
          },
          trx,
        );
        if (!first) return false;
      }
      if (options.concurrency === 'supersede') {
        for (const older of await store.active(record.product, trx)) {
          const before = statusesOf(older);
          terminateRelease(older, {
            actor: record.initiator,
            reason: `superseded by release ${record.id}`,
          });
          older.supersededBy = record.id;
          if (!(await store.update(older, { trx }))) {
            throw new StaleRelease(`release ${older.id} changed`);
          }
          superseded.push({ record: older, before });
          await this.recordAll(
            transitionEvents(before, older, record.initiator, 'api'),
            trx,
          );
        }
      }
      await store.create(record, trx);
      await options.inTransaction?.(trx);
      await this.recordAll(
        transitionEvents(
          { status: 'queued', steps: {} },
          record,
          record.initiator,
          'api',
        ).filter(e => e.action.startsWith('release.step.')),
        trx,
      );
      return true;
    });
    if (!created) return false;
    for (const older of superseded) {
      await this.publish(older.record, older.before);
    }
    this.events.emit([releaseCreatedEvent(record, new Date())]);
    await this.publish(record);
    this.wake();
    // Off the request path: approvers see what a release brings while it waits.
    this.addNotes(record.id).catch(error =>
      this.options.logger.warn(
        `Release ${record.id}: no release notes: ${error}`,
      ),
    );
    return true;
  }

  /** Collects the release notes of a stored release and saves them (retried if the engine wrote first). */
  private async addNotes(id: string): Promise<void> {
    const { store, git } = this.options;
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await store.get(id);
      if (!record || record.notes) return;
      const notes = await collectReleaseNotes(
        git,
        record.steps[0],
        record.plan.sources,
      );
      if (!notes) return;
      const latest = await store.get(id);
      if (!latest || latest.notes) return;
      latest.notes = notes;
      if (await store.update(latest)) {
        await this.publish(latest);
        return;
      }
    }
  }

  /** Starts a flow release when a new version is Synced and Healthy in a flow's automatic trigger environment. */
  async startAutomaticReleases(): Promise<void> {
    const config = await this.options.delivery.config();
    if (!config.flows.some(flow => flow.trigger.mode === 'automatic')) return;
    const snapshot = await this.options.delivery.board();
    for (const flow of snapshot.config.flows) {
      if (flow.trigger.mode !== 'automatic') continue;
      for (const product of snapshot.config.products) {
        if (!product.flows.includes(flow.name)) continue;
        await this.maybeTrigger(snapshot, product.name, flow).catch(error =>
          this.options.logger.warn(
            `Flow ${flow.name} of ${product.name} not started: ${error}`,
          ),
        );
      }
    }
  }

  private async maybeTrigger(
    snapshot: BoardModel,
    product: string,
    flow: BoardModel['config']['flows'][number],
  ) {
    const state = snapshot.products
      .find(p => p.product.name === product)
      ?.environments.find(e => e.environment === flow.trigger.environment);
    if (
      !state?.version ||
      state.applications.length === 0 ||
      state.health !== 'Healthy' ||
      state.sync !== 'Synced'
    ) {
      return;
    }
    const version = state.version;
    // Already everywhere the flow goes: nothing to start (e.g. the first look after a restart).
    if (
      flow.steps.every(
        s => environmentVersion(snapshot, product, s.environment) === version,
      )
    ) {
      return;
    }
    if (await this.options.store.hasTrigger(product, flow.name, version))
      return;
    const record = await this.planner.flow(
      snapshot,
      product,
      flow,
      version,
      ENGINE_INITIATOR,
    );
    const concurrency =
      snapshot.config.products.find(p => p.name === product)?.concurrency ??
      'queue';
    await this.submit(record, { concurrency, trigger: { flow: flow.name } });
  }
}

/** Every started step is held by a gate or an open pull request: the release is `waiting`. */
function isHeld(record: ReleaseRecord): boolean {
  const active = record.steps.filter(s => isActiveStep(s.status));
  return (
    active.length > 0 &&
    active.every(
      step =>
        step.gates.some(
          g =>
            g.status === 'waiting' &&
            ((g.phase === 'pre' && step.status === 'pre-gates') ||
              (g.phase === 'post' && step.status === 'post-gates')),
        ) || step.applications.some(a => a.status === 'pull-request-open'),
    )
  );
}

/**
 * Terminates what has not started; a step in `committing` keeps its in-flight write and is ended by
 * the engine once the write returned (`terminatePlan`).
 */
export function terminateRelease(
  record: ReleaseRecord,
  by: { actor: string; reason?: string },
): void {
  const now = new Date().toISOString();
  const plan = terminatePlan(record.steps);
  for (const step of record.steps) {
    if (!plan.terminateNow.includes(step.environment)) continue;
    transitionStep(step, 'terminated');
    step.finishedAt = now;
    for (const app of step.applications) {
      if (
        !['healthy', 'failed', 'no-change', 'committed', 'merged'].includes(
          app.status,
        )
      ) {
        app.status = 'terminated';
      }
    }
  }
  const inFlight = plan.terminateAfterCommit.length > 0;
  record.plan.terminate = {
    actor: by.actor,
    ...(by.reason ? { reason: by.reason } : {}),
  };
  if (!inFlight) {
    transitionRelease(record, 'terminated');
    record.finishedAt = now;
    record.error = by.reason ? `Terminated: ${by.reason}` : 'Terminated';
    delete record.nextRunAt;
  } else {
    record.nextRunAt = now;
  }
  record.updatedAt = now;
  record.environments = record.steps.map(s => ({
    environment: s.environment,
    status: s.status,
  }));
}
