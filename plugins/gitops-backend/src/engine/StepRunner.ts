import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ApplicationSummary,
  Environment,
  Product,
} from '@slipway/plugin-gitops-common';
import type {
  GitProvider,
  GitProviderRegistry,
} from '@slipway/plugin-gitops-node';
import { BranchLeases } from '../database/releases/BranchLeases';
import {
  ReleaseRecord,
  StoredApplicationPromotion,
  StoredGate,
  StoredStep,
} from '../database/releases/types';
import {
  promotionCommitMessage,
  promotionTrailers,
} from '../domain/promotion/commitMessage';
import { parseDuration } from '@slipway/plugin-gitops-common';
import { freezeStatus, soakStatus } from '../domain/releases/gates';
import { planEdit, readSourceFiles } from './applicationEdit';
import { authorFor } from './author';
import { GIT_ATTEMPTS_PER_CHECK, RevisionAncestry } from './revisionAncestry';
import { EngineRuntimes } from './types';
import { EngineWriteGuard, writesOnBehalfOf } from './writeGuard';

/** A Git write that landed, for the audit log. */
export interface LandedCommit {
  sha: string;
  repository: string;
  environment: string;
  application: string;
}

/** A write the initiator was no longer allowed to make, for the audit log (`denied`). */
export interface DeniedWrite {
  repository: string;
  environment: string;
  application: string;
  reason: string;
}

/** What one look at a step did. */
export interface StepProgress {
  /** The step changed and must be saved before anything else happens. */
  changed: boolean;
  /** Held by a gate or an open pull request (the release shows `waiting`). */
  waiting: boolean;
  /** When to look again, in milliseconds from now. */
  delayMs: number;
  commits: LandedCommit[];
  denied?: DeniedWrite[];
}

export interface StepRunnerOptions {
  git: GitProviderRegistry;
  runtimes: EngineRuntimes;
  logger: LoggerService;
  verifyTimeoutMs: number;
  pollIntervalMs: number;
  /** How often an open pull request is looked at. */
  pullRequestPollMs: number;
  /** Lets replicas take turns on a branch; without it they only race (still safe). */
  leases?: BranchLeases;
  /** Checks the initiator may still write to the repository right before each write. */
  guard?: EngineWriteGuard;
}

const GATE_RECHECK_MS = 60_000;
/** Every how many looks a verifying application is read from Argo CD rather than the watched list. */
const FRESH_READ_EVERY = 5;
/** Writes that lost the race for the branch so often that the provider gave up are tried again this often. */
const MAX_CONTENDED_COMMITS = 10;

const short = (sha?: string) => (sha ? sha.slice(0, 7) : 'nothing');

/** The provider's "the branch kept moving" answer: contention, not a broken change. */
function isContended(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ConflictError' &&
    /kept moving/.test(error.message)
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Moves one step of a release forward by one phase at a time (DESIGN.md §3). Each call does at most
 * one side effect (one commit, one pull request) and reports `changed` so the engine persists the
 * state before the next one: a restart resumes from the last saved phase.
 */
export class StepRunner {
  private readonly ancestry: RevisionAncestry;
  /** Looks per application since its last direct read from Argo CD. */
  private readonly looks = new Map<string, number>();

  constructor(private readonly options: StepRunnerOptions) {
    this.ancestry = new RevisionAncestry(options.git);
  }

  async advance(
    record: ReleaseRecord,
    step: StoredStep,
    context: { product: Product; environment: Environment; now: Date },
  ): Promise<StepProgress> {
    const idle = (delayMs: number, waiting = false): StepProgress => ({
      changed: false,
      waiting,
      delayMs,
      commits: [],
    });
    const moved = (commits: LandedCommit[] = []): StepProgress => ({
      changed: true,
      waiting: false,
      delayMs: 0,
      commits,
    });
    const { now } = context;
    switch (step.status) {
      case 'pre-gates':
      case 'post-gates': {
        const phase = step.status === 'pre-gates' ? 'pre' : 'post';
        const held = this.checkGates(step, phase, context.environment, now);
        if (held.changed || held.holding) {
          return {
            changed: held.changed,
            waiting: held.holding,
            delayMs: held.delayMs,
            commits: [],
          };
        }
        this.enter(step, phase === 'pre' ? 'committing' : 'succeeded', now);
        return moved();
      }
      case 'committing': {
        if (record.plan.terminate) {
          // Terminated while a write was in flight: finish that write, start no other.
          for (const pending of step.applications) {
            if (pending.status === 'pending') pending.status = 'terminated';
          }
        }
        const app = step.applications.find(a =>
          ['pending', 'committing', 'pull-request-open'].includes(a.status),
        );
        if (!app) {
          if (record.plan.terminate) {
            step.status = 'terminated';
            step.finishedAt = now.toISOString();
            step.error = 'Terminated after its commit landed';
            return moved();
          }
          this.enter(step, 'syncing', now);
          await Promise.all(
            step.applications.map(a =>
              this.options.runtimes
                .refresh(a.application)
                .catch(() => undefined),
            ),
          );
          return moved();
        }
        if (app.status === 'pending') {
          // Saved before the write: after a crash the engine knows a commit may have landed.
          app.status = 'committing';
          app.startedAt = now.toISOString();
          return moved();
        }
        try {
          if (app.status === 'committing') {
            // Checked again right before the write: access may have been taken away while the
            // release waited (queue, gates, approval). Approvals do not change whose write it is.
            const denied = await this.deniedWrite(record, step, app);
            if (denied) {
              app.status = 'failed';
              app.error = denied.reason;
              app.finishedAt = now.toISOString();
              this.fail(step, `${app.application.name}: ${app.error}`, now);
              return { ...moved(), denied: [denied] };
            }
          }
          if (step.action === 'pull-request') {
            return await this.pullRequest(
              record,
              step,
              app,
              context.product,
              now,
            );
          }
          const landed = await this.commit(record, step, app, context.product);
          if (landed === 'busy') {
            // Another replica is committing to this branch: take turns rather than race.
            return idle(50 + Math.random() * 150);
          }
          return moved(landed ? [landed] : []);
        } catch (error) {
          if (
            isContended(error) &&
            (app.contendedAttempts ?? 0) < MAX_CONTENDED_COMMITS
          ) {
            // Other writers kept the branch busy: try again after a pause, still `committing`.
            app.contendedAttempts = (app.contendedAttempts ?? 0) + 1;
            app.error = `${errorMessage(error)} (trying again)`;
            return {
              changed: true,
              waiting: false,
              delayMs: 200 + Math.random() * 800 * app.contendedAttempts,
              commits: [],
            };
          }
          app.status = 'failed';
          app.error = errorMessage(error);
          app.finishedAt = now.toISOString();
          this.fail(step, `${app.application.name}: ${app.error}`, now);
          return moved();
        }
      }
      case 'syncing':
      case 'verifying':
        return this.verify(step, now);
      default:
        return idle(this.options.pollIntervalMs);
    }
  }

  /** The guard's refusal of the initiator's write to the app's repository, if it refuses. */
  private async deniedWrite(
    record: ReleaseRecord,
    step: StoredStep,
    app: StoredApplicationPromotion,
  ): Promise<DeniedWrite | undefined> {
    const { guard } = this.options;
    if (!guard || !writesOnBehalfOf(record.initiator)) return undefined;
    const decision = await guard.check(record.initiator, app.repoURL);
    if (decision.allowed) return undefined;
    return {
      repository: app.repoURL,
      environment: step.environment,
      application: app.application.name,
      reason: decision.reason,
    };
  }

  /** Starts a pending step: its pre-gates, or straight to committing when it has none. */
  start(step: StoredStep, now: Date): void {
    step.startedAt = now.toISOString();
    const hasPre = step.gates.some(g => g.phase === 'pre');
    this.enter(step, hasPre ? 'pre-gates' : 'committing', now);
  }

  private enter(step: StoredStep, phase: StoredStep['status'], now: Date) {
    // Without post-gates a verified step is done.
    const status =
      phase === 'post-gates' && !step.gates.some(g => g.phase === 'post')
        ? 'succeeded'
        : phase;
    step.status = status;
    step.phaseStartedAt = now.toISOString();
    if (status === 'succeeded') step.finishedAt = now.toISOString();
  }

  private fail(step: StoredStep, error: string, now: Date) {
    step.status = 'failed';
    step.error = error;
    step.finishedAt = now.toISOString();
  }

  private checkGates(
    step: StoredStep,
    phase: 'pre' | 'post',
    environment: Environment,
    now: Date,
  ): { changed: boolean; holding: boolean; delayMs: number } {
    const before = JSON.stringify(step.gates);
    let holding = false;
    let delayMs = GATE_RECHECK_MS;
    const hold = (gate: StoredGate, reason: string, until?: string) => {
      holding = true;
      gate.status = 'waiting';
      gate.reason = reason;
      gate.startedAt ??= now.toISOString();
      if (until) {
        gate.until = until;
        delayMs = Math.min(
          delayMs,
          Math.max(Date.parse(until) - now.getTime(), 0) + 50,
        );
      } else {
        delete gate.until;
      }
    };
    for (const gate of step.gates.filter(g => g.phase === phase)) {
      if (gate.status === 'passed') continue;
      if (gate.type === 'freeze-window') {
        const freeze = freezeStatus(environment, now);
        if (freeze.frozen) {
          hold(gate, freeze.reason, freeze.until);
        } else {
          gate.status = 'passed';
          delete gate.reason;
          delete gate.until;
        }
      } else if (gate.type === 'manual-approval') {
        hold(
          gate,
          `Needs approval from ${
            (gate.approvers ?? []).join(', ') || 'an approver'
          }`,
        );
      } else if (gate.type === 'soak') {
        gate.startedAt ??= now.toISOString();
        const soak = soakStatus(
          new Date(gate.startedAt),
          parseDuration(gate.duration ?? '0s'),
          now,
        );
        if (soak.done) {
          gate.status = 'passed';
          gate.until = soak.until;
          delete gate.reason;
        } else {
          hold(
            gate,
            `Soaking for ${gate.duration} after verification`,
            soak.until,
          );
        }
      }
    }
    return { changed: JSON.stringify(step.gates) !== before, holding, delayMs };
  }

  private commitMessage(
    record: ReleaseRecord,
    step: StoredStep,
    app: StoredApplicationPromotion,
  ) {
    return promotionCommitMessage({
      product: record.product,
      version: record.version,
      from: record.sourceEnvironment,
      to: step.environment,
      application: app.application.name,
      message: record.message,
    });
  }

  /** The change builder: re-reads the target at every base the provider offers, so retries re-apply. */
  private async changes(
    record: ReleaseRecord,
    app: StoredApplicationPromotion,
    product: Product,
  ) {
    const source = record.plan.sources[app.component];
    if (!source) {
      throw new Error(`no source application for component '${app.component}'`);
    }
    const files = product.promotion.files;
    if (files.length === 0) {
      throw new Error(
        `product '${product.name}' has no promotion.files: nothing says which values to copy`,
      );
    }
    const sourceFiles = await readSourceFiles(this.options.git, source, files);
    return async (read: (path: string) => Promise<string | undefined>) => {
      const plan = await planEdit({
        files,
        source,
        sourceFiles,
        targetPath: app.path,
        read,
      });
      return plan.files.map(f => ({ path: f.path, content: f.after }));
    };
  }

  /**
   * One commit with all of the application's files. Idempotent: on resume the change is already on
   * the branch, the provider writes nothing, and the commit is found by its `Slipway-Release` trailer.
   */
  private async commit(
    record: ReleaseRecord,
    step: StoredStep,
    app: StoredApplicationPromotion,
    product: Product,
  ): Promise<LandedCommit | undefined | 'busy'> {
    const provider = this.options.git.forUrl(app.repoURL);
    const { leases } = this.options;
    const lease = leases && BranchLeases.keyOf(app.repoURL, app.branch);
    // Lease first: a busy branch is asked again every few hundred ms, without re-reading the source.
    if (leases && lease && !(await leases.acquire(lease))) return 'busy';
    let result;
    try {
      const build = await this.changes(record, app, product);
      result = await provider.commit({
        repo: { url: app.repoURL, branch: app.branch },
        message: this.commitMessage(record, step, app),
        author: authorFor(record.initiator),
        trailers: promotionTrailers(record.id, record.initiator),
        changes: build,
      });
    } finally {
      if (leases && lease) await leases.release(lease);
    }
    app.finishedAt = new Date().toISOString();
    app.commitAttempts = result.attempts;
    delete app.error;
    const sha =
      result.sha ?? (await this.findOwnCommit(provider, record.id, app));
    if (sha) {
      app.status = 'committed';
      app.commitSha = sha;
      app.expectedRevision = sha;
      // Found again after a restart: the save that would have audited it never happened (the
      // app is saved as committed in the same transaction as its audit event), so audit it now.
      return {
        sha,
        repository: app.repoURL,
        environment: step.environment,
        application: app.application.name,
      };
    }
    app.status = 'no-change';
    app.expectedRevision = result.baseSha;
    return undefined;
  }

  /** The commit this release wrote for the application earlier (before a crash), if any. */
  private async findOwnCommit(
    provider: GitProvider,
    releaseId: string,
    app: StoredApplicationPromotion,
  ): Promise<string | undefined> {
    const log = await provider.log(app.repoURL, {
      to: app.branch,
      paths: [app.path],
      limit: 50,
    });
    return log.find(c => c.trailers['Slipway-Release'] === releaseId)?.sha;
  }

  private async pullRequest(
    record: ReleaseRecord,
    step: StoredStep,
    app: StoredApplicationPromotion,
    product: Product,
    now: Date,
  ): Promise<StepProgress> {
    const provider = this.options.git.forUrl(app.repoURL);
    const waitMore: StepProgress = {
      changed: false,
      waiting: true,
      delayMs: this.options.pullRequestPollMs,
      commits: [],
    };
    if (!app.pullRequest) {
      const message = this.commitMessage(record, step, app);
      const [title] = message.split('\n');
      const pr = await provider.openPullRequest({
        repo: { url: app.repoURL, branch: app.branch },
        message,
        author: authorFor(record.initiator),
        trailers: promotionTrailers(record.id, record.initiator),
        changes: await this.changes(record, app, product),
        title,
        body: `${message}\n\nOpened by Slipway for release ${record.id} (initiated by ${record.initiator}).`,
        headBranch: `slipway/${record.product}/${step.environment}/${
          app.component
        }-${record.id.slice(0, 8)}`,
      });
      if (!pr) {
        app.status = 'no-change';
        app.expectedRevision = await provider.resolveBranch({
          url: app.repoURL,
          branch: app.branch,
        });
        app.finishedAt = now.toISOString();
        return { ...waitMore, changed: true, waiting: false, delayMs: 0 };
      }
      app.status = 'pull-request-open';
      app.pullRequest = { url: pr.url, number: pr.number, state: pr.state };
      return { ...waitMore, changed: true };
    }
    const pr = await provider.getPullRequest(
      app.repoURL,
      app.pullRequest.number,
    );
    if (pr.state === 'open') return waitMore;
    app.pullRequest = { ...app.pullRequest, state: pr.state };
    app.finishedAt = now.toISOString();
    if (pr.state === 'closed') {
      app.status = 'failed';
      app.error = `Pull request #${pr.number} was closed without merging`;
      this.fail(step, `${app.application.name}: ${app.error}`, now);
    } else {
      app.status = 'merged';
      app.commitSha = pr.mergeSha;
      app.expectedRevision =
        pr.mergeSha ??
        (await provider.resolveBranch({
          url: app.repoURL,
          branch: app.branch,
        }));
    }
    return { ...waitMore, changed: true, waiting: false, delayMs: 0 };
  }

  private async verify(step: StoredStep, now: Date): Promise<StepProgress> {
    const before = JSON.stringify(step.applications);
    let allAtRevision = true;
    let allHealthy = true;
    for (const app of step.applications) {
      if (app.status === 'healthy') continue;
      let live: ApplicationSummary;
      const ref = app.application;
      const key = `${ref.runtime}/${ref.namespace}/${ref.name}`;
      const looks = this.looks.get(key) ?? 0;
      // Mostly the watched list; every few looks straight from Argo CD in case the list lags.
      const fresh = looks % FRESH_READ_EVERY === FRESH_READ_EVERY - 1;
      this.looks.set(key, looks + 1);
      if (this.looks.size > 10_000) this.looks.clear();
      try {
        live = await this.options.runtimes.application(ref, { fresh });
      } catch (error) {
        app.error = `Runtime: ${errorMessage(error)}`;
        allAtRevision = false;
        allHealthy = false;
        continue;
      }
      delete app.error;
      const revision =
        live.sync.revision ?? live.sync.revisions?.find(Boolean) ?? undefined;
      app.sync = live.sync.status;
      app.health = live.health.status;
      if (revision) app.syncedRevision = revision;
      const running =
        live.operation?.phase === 'Running' ||
        live.operation?.phase === 'Terminating';
      let atRevision = false;
      if (live.sync.status === 'Synced' && !running) {
        const answer = await this.ancestry.check(
          app.repoURL,
          app.expectedRevision,
          revision,
        );
        if ('gitError' in answer) {
          // Said as it is: a Git failure is not "still syncing" and must not end as a timeout.
          app.error = answer.gitError;
          if (answer.attempts >= GIT_ATTEMPTS_PER_CHECK) {
            this.fail(step, `${app.application.name}: ${answer.gitError}`, now);
            return { changed: true, waiting: false, delayMs: 0, commits: [] };
          }
        } else {
          atRevision = answer.contains;
        }
      }
      if (!atRevision) {
        allAtRevision = false;
        allHealthy = false;
        app.status = 'syncing';
        if (
          !live.autoSync &&
          !running &&
          live.sync.status === 'OutOfSync' &&
          !app.syncRequested
        ) {
          // Manual-sync applications would never pick the commit up on their own.
          app.syncRequested = true;
          await this.options.runtimes
            .sync?.(app.application)
            .catch(error =>
              this.options.logger.warn(
                `Could not sync ${app.application.name}: ${errorMessage(
                  error,
                )}`,
              ),
            );
        }
      } else if (live.health.status === 'Healthy') {
        app.status = 'healthy';
        app.finishedAt = now.toISOString();
      } else {
        allHealthy = false;
        app.status = 'syncing';
      }
    }
    if (allHealthy) {
      this.enter(step, 'post-gates', now);
      return { changed: true, waiting: false, delayMs: 0, commits: [] };
    }
    if (allAtRevision && step.status === 'syncing') {
      step.status = 'verifying';
    }
    const since = Date.parse(
      step.phaseStartedAt ?? step.startedAt ?? now.toISOString(),
    );
    if (now.getTime() - since > this.options.verifyTimeoutMs) {
      const pending = step.applications
        .filter(a => a.status !== 'healthy')
        .map(
          a =>
            `${a.application.name} is ${a.sync ?? 'Unknown'}/${
              a.health ?? 'Unknown'
            } at ${short(a.syncedRevision)}, expected Synced/Healthy at ${short(
              a.expectedRevision,
            )}`,
        );
      this.fail(
        step,
        `Verification timed out after ${Math.round(
          this.options.verifyTimeoutMs / 1000,
        )} s: ${pending.join('; ')}`,
        now,
      );
      return { changed: true, waiting: false, delayMs: 0, commits: [] };
    }
    return {
      changed: JSON.stringify(step.applications) !== before,
      waiting: false,
      delayMs: this.options.pollIntervalMs,
      commits: [],
    };
  }
}
