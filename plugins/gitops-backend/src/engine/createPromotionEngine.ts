import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import type { Knex } from 'knex';
import type { DeliveryReader } from '../delivery/DeliveryReader';
import type { AuditRecorder } from '../database/audit/AuditRecorder';
import { BranchLeases } from '../database/releases/BranchLeases';
import { ReleaseStore } from '../database/releases/ReleaseStore';
import type { RuntimeFleet } from '../runtimes/RuntimeFleet';
import { readEngineConfig } from './engineConfig';
import { fleetEngineRuntimes } from './fleetEngineRuntimes';
import { PromotionEngine } from './PromotionEngine';
import { EngineWriteGuard } from './writeGuard';

/** The engine as the plugin runs it, publishing each change on `gitops:release:<id>` and `gitops:releases`. */
export function createPromotionEngine(options: {
  knex: Knex;
  config: Config;
  delivery: DeliveryReader;
  fleet: RuntimeFleet;
  git: GitProviderRegistry;
  audit: AuditRecorder;
  logger: LoggerService;
  signals?: SignalsService;
  /** Checks a user's Git permission before each write made on their behalf. */
  guard?: EngineWriteGuard;
}): PromotionEngine & {
  schedule(scheduler: SchedulerService): Promise<void>;
} {
  const config = readEngineConfig(options.config);
  const { signals } = options;
  const engine = new PromotionEngine({
    store: new ReleaseStore(options.knex),
    delivery: options.delivery,
    runtimes: fleetEngineRuntimes(options.fleet),
    git: options.git,
    audit: options.audit,
    logger: options.logger,
    verifyTimeoutMs: config.verifyTimeoutMs,
    pollIntervalMs: config.pollIntervalMs,
    claimTtlMs: config.claimTtlMs,
    pullRequestPollMs: config.pullRequestPollMs,
    concurrency: config.concurrency,
    leases: owner => new BranchLeases(options.knex, owner),
    guard: options.guard,
    publish: signals
      ? async release => {
          const message = { ...release };
          await Promise.all([
            signals.publish({
              recipients: { type: 'broadcast' },
              channel: `gitops:release:${release.id}`,
              message,
            }),
            signals.publish({
              recipients: { type: 'broadcast' },
              channel: 'gitops:releases',
              message,
            }),
          ]);
        }
      : undefined,
  });
  return Object.assign(engine, {
    /** Ticks on the scheduler's beat (and sooner when woken), starting with one now. */
    async schedule(scheduler: SchedulerService) {
      await scheduler.scheduleTask({
        id: 'gitops-promotion-engine',
        frequency: { seconds: config.schedulerFrequencySeconds },
        timeout: { minutes: 5 },
        // Every replica advances releases; claims in the database keep them apart.
        scope: 'local',
        fn: () => engine.tick(),
      });
      engine.wake();
    },
  });
}
