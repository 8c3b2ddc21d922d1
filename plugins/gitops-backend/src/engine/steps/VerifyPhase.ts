import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import type { StoredStep } from '../../domain/releases/releaseRecord';
import { transitionStep } from '../../domain/releases/releaseState';
import { GIT_ATTEMPTS_PER_CHECK, RevisionAncestry } from '../revisionAncestry';
import { EngineRuntimes } from '../types';
import { errorMessage, StepProgress } from './stepProgress';
import { enterPhase, failStep } from './stepTransitions';

export interface VerifyPhaseOptions {
  git: GitProviderRegistry;
  runtimes: EngineRuntimes;
  logger: LoggerService;
  verifyTimeoutMs: number;
  pollIntervalMs: number;
}

/** Every how many looks a verifying application is read from Argo CD rather than the watched list. */
const FRESH_READ_EVERY = 5;

const short = (sha?: string) => (sha ? sha.slice(0, 7) : 'nothing');

/**
 * The `syncing` and `verifying` phases: every application of the step must report Synced at the
 * promoted revision (or a later commit that contains it) and Healthy before the timeout.
 */
export class VerifyPhase {
  private readonly ancestry: RevisionAncestry;
  /** Looks per application since its last direct read from Argo CD. */
  private readonly looks = new Map<string, number>();

  constructor(private readonly options: VerifyPhaseOptions) {
    this.ancestry = new RevisionAncestry(options.git);
  }

  async advance(step: StoredStep, now: Date): Promise<StepProgress> {
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
            failStep(step, `${app.application.name}: ${answer.gitError}`, now);
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
    if (allAtRevision && step.status === 'syncing') {
      // Every application is at the revision: what is left is health.
      transitionStep(step, 'verifying');
    }
    if (allHealthy) {
      enterPhase(step, 'post-gates', now);
      return { changed: true, waiting: false, delayMs: 0, commits: [] };
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
      failStep(
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
