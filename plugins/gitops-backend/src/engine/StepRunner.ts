import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GitProviderRegistry,
  ReleaseGateType,
} from '@slipway/plugin-gitops-node';
import { BranchLeases } from '../database/releases/BranchLeases';
import { ReleaseRecord, StoredStep } from '../domain/releases/releaseRecord';
import { CommitPhase } from './steps/CommitPhase';
import { GatePhase } from './steps/GatePhase';
import { idle, StepContext, StepProgress } from './steps/stepProgress';
import { enterPhase } from './steps/stepTransitions';
import { VerifyPhase } from './steps/VerifyPhase';
import { EngineRuntimes } from './types';
import { EngineWriteGuard } from './writeGuard';

export type {
  DeniedWrite,
  LandedCommit,
  StepProgress,
} from './steps/stepProgress';

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
  /** Gate types modules added. */
  gateTypes?: readonly ReleaseGateType[];
  /** How long a gate type's `evaluate` may take. */
  extensionTimeoutMs?: number;
}

/**
 * Moves one step of a release forward by one phase at a time (DESIGN.md §3): gates
 * (`steps/GatePhase`), the commit or pull request (`steps/CommitPhase`) and verification
 * (`steps/VerifyPhase`). Each call does at most one side effect (one commit, one pull request) and
 * reports `changed` so the engine persists the state before the next one: a restart resumes from
 * the last saved phase.
 */
export class StepRunner {
  private readonly gates: GatePhase;
  private readonly commits: CommitPhase;
  private readonly verification: VerifyPhase;

  constructor(private readonly options: StepRunnerOptions) {
    this.gates = new GatePhase({
      gateTypes: options.gateTypes ?? [],
      timeoutMs: options.extensionTimeoutMs ?? 10_000,
    });
    this.commits = new CommitPhase(options);
    this.verification = new VerifyPhase(options);
  }

  /** Starts a pending step: its pre-gates, or straight to committing when it has none. */
  start(step: StoredStep, now: Date): void {
    step.startedAt = now.toISOString();
    const hasPre = step.gates.some(g => g.phase === 'pre');
    enterPhase(step, hasPre ? 'pre-gates' : 'committing', now);
  }

  async advance(
    record: ReleaseRecord,
    step: StoredStep,
    context: StepContext,
  ): Promise<StepProgress> {
    const { now } = context;
    switch (step.status) {
      case 'pre-gates':
      case 'post-gates':
        return this.gates.advance(record, step, context.environment, now);
      case 'committing':
        return this.commits.advance(record, step, context.product, now);
      case 'syncing':
      case 'verifying':
        return this.verification.advance(step, now);
      default:
        return idle(this.options.pollIntervalMs);
    }
  }
}
