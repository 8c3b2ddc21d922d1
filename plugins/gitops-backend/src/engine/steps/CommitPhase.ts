import type { Product } from '@slipway/plugin-gitops-common';
import type {
  GitProvider,
  GitProviderRegistry,
} from '@slipway/plugin-gitops-node';
import { BranchLeases } from '../../database/releases/BranchLeases';
import {
  PromotionApproval,
  promotionCommitMessage,
  promotionTrailers,
} from '../../domain/promotion/commitMessage';
import type {
  ReleaseRecord,
  StoredApplicationPromotion,
  StoredStep,
} from '../../domain/releases/releaseRecord';
import { planEdit, readSourceFiles } from '../applicationEdit';
import { authorFor } from '../author';
import { EngineRuntimes } from '../types';
import { EngineWriteGuard, writesOnBehalfOf } from '../writeGuard';
import {
  DeniedWrite,
  errorMessage,
  idle,
  LandedCommit,
  moved,
  StepProgress,
} from './stepProgress';
import { enterPhase, failStep, terminateStep } from './stepTransitions';

export interface CommitPhaseOptions {
  git: GitProviderRegistry;
  runtimes: EngineRuntimes;
  /** How often an open pull request is looked at. */
  pullRequestPollMs: number;
  /** Lets replicas take turns on a branch; without it they only race (still safe). */
  leases?: BranchLeases;
  /** Checks the initiator may still write to the repository right before each write. */
  guard?: EngineWriteGuard;
}

/** Writes that lost the race for the branch so often that the provider gave up are tried again this often. */
const MAX_CONTENDED_COMMITS = 10;

/** The step's passed pre-commit approvals, for the commit's `Slipway-Approved-By` trailer. */
function approvalsOf(step: StoredStep): PromotionApproval[] {
  return step.gates.flatMap(g =>
    g.type === 'manual-approval' && g.phase === 'pre' && g.approvedBy
      ? [{ approvedBy: g.approvedBy, comment: g.approvalComment }]
      : [],
  );
}

/** The provider's "the branch kept moving" answer: contention, not a broken change. */
function isContended(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ConflictError' &&
    /kept moving/.test(error.message)
  );
}

/**
 * The `committing` phase: one commit (or one pull request) per application, one at a time, each
 * marked `committing` and saved before the write so that a restart knows a write may have landed.
 */
export class CommitPhase {
  constructor(private readonly options: CommitPhaseOptions) {}

  async advance(
    record: ReleaseRecord,
    step: StoredStep,
    product: Product,
    now: Date,
  ): Promise<StepProgress> {
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
        terminateStep(step, now, 'Terminated after its commit landed');
        return moved();
      }
      enterPhase(step, 'syncing', now);
      await Promise.all(
        step.applications.map(a =>
          this.options.runtimes.refresh(a.application).catch(() => undefined),
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
          failStep(step, `${app.application.name}: ${app.error}`, now);
          return { ...moved(), denied: [denied] };
        }
      }
      if (step.action === 'pull-request') {
        return await this.pullRequest(record, step, app, product, now);
      }
      const landed = await this.commit(record, step, app, product);
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
      failStep(step, `${app.application.name}: ${app.error}`, now);
      return moved();
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
        trailers: promotionTrailers(
          record.id,
          record.initiator,
          approvalsOf(step),
        ),
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
        trailers: promotionTrailers(
          record.id,
          record.initiator,
          approvalsOf(step),
        ),
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
      failStep(step, `${app.application.name}: ${app.error}`, now);
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
}
