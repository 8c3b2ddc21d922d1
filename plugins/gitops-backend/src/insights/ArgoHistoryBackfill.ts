import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ApplicationSummary } from '@slipway/plugin-gitops-common';
import pLimit from 'p-limit';
import type { DeploymentStore } from '../database/deployments/DeploymentStore';
import type { BoardModel } from '../delivery/boardModel';
import { deploymentsFromArgoHistory } from '../domain/insights/argoHistoryDeployments';
import type { RuntimeFleet } from '../runtimes/RuntimeFleet';
import type { ScheduledJob } from '../scheduledJob';

/** Applications read at once: the backfill must not crowd out the portal's own requests. */
const CONCURRENCY = 4;

export interface BackfillResult {
  applications: number;
  recorded: number;
  /** Applications whose history could not be read (runtime down, app gone). */
  failed: number;
}

/**
 * Fills the deployment history from Argo CD's own history of every placed application, so deployments
 * made before Slipway ran, or by anyone else, count in the insights. Runs on one replica; recording is
 * idempotent, so reading the same history again adds no rows.
 */
export class ArgoHistoryBackfill implements ScheduledJob {
  constructor(
    private readonly options: {
      board: () => Promise<BoardModel>;
      fleet: RuntimeFleet;
      store: DeploymentStore;
      logger: LoggerService;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'gitops-deployment-history-backfill',
      scope: 'global',
      // Soon after start, once the runtimes have listed; then daily, for what others deployed meanwhile.
      initialDelay: { minutes: 1 },
      frequency: { hours: 24 },
      timeout: { minutes: 30 },
      fn: async () => {
        const { applications, recorded, failed } = await this.run();
        this.options.logger.info(
          `Deployment history: read the Argo CD history of ${applications} application(s), recorded ${recorded} deployment(s)${
            failed ? `, ${failed} could not be read` : ''
          }`,
        );
      },
    });
  }

  async run(): Promise<BackfillResult> {
    const model = await this.options.board();
    const limit = pLimit(CONCURRENCY);
    const result: BackfillResult = { applications: 0, recorded: 0, failed: 0 };
    const placed = [...model.applications].flatMap(([product, byEnvironment]) =>
      [...byEnvironment].flatMap(([environment, apps]) =>
        apps.map(app => ({ product, environment, app })),
      ),
    );
    await Promise.all(
      placed.map(({ product, environment, app }) =>
        limit(async () => {
          result.applications += 1;
          try {
            result.recorded += await this.backfill(product, environment, app);
          } catch (error) {
            result.failed += 1;
            this.options.logger.warn(
              `Could not read the Argo CD history of ${app.runtime}/${app.name}: ${error}`,
            );
          }
        }),
      ),
    );
    return result;
  }

  private async backfill(
    product: string,
    environment: string,
    app: ApplicationSummary,
  ): Promise<number> {
    const runtime = this.options.fleet.get(app.runtime);
    const history = await runtime.history(app.namespace, app.name);
    // Asked together: Argo CD keeps a handful of entries, and each commit's metadata is cached for long.
    const revisions = [
      ...new Set(history.flatMap(h => h.revision ?? h.revisions?.[0] ?? [])),
    ];
    const dates = await Promise.all(
      revisions.map(revision =>
        runtime.revisionMetadata(app.namespace, app.name, revision).then(
          m => m.date,
          () => undefined,
        ),
      ),
    );
    const commitTimes = new Map<string, string>();
    revisions.forEach((revision, i) => {
      const date = dates[i];
      if (date) commitTimes.set(revision, date);
    });
    const deployments = deploymentsFromArgoHistory({
      product,
      environment,
      application: {
        runtime: app.runtime,
        namespace: app.namespace,
        name: app.name,
      },
      history,
      health: app.health.status,
      commitTimes,
    });
    let recorded = 0;
    for (const deployment of deployments) {
      if (await this.options.store.record(deployment)) recorded += 1;
    }
    return recorded;
  }
}
