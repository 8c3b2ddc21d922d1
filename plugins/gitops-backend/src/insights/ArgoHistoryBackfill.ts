import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ApplicationSummary,
  VersionSource,
} from '@slipway/plugin-gitops-common';
import type {
  GitCommitInfo,
  GitProviderRegistry,
} from '@slipway/plugin-gitops-node';
import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeploymentStore } from '../database/deployments/DeploymentStore';
import type { BoardModel } from '../delivery/boardModel';
import {
  deploymentsFromArgoHistory,
  revisionOf,
} from '../domain/insights/argoHistoryDeployments';
import type { SourceCommit } from '../domain/insights/deployments';
import { componentOf } from '../domain/mapping/mappableApplication';
import { issueKeysIn } from '../domain/releases/releaseNotes';
import { readYamlValue } from '../domain/versions/readYamlValue';
import { sourceFileLocation } from '../domain/versions/sourceFileLocation';
import type { RuntimeFleet } from '../runtimes/RuntimeFleet';
import type { ScheduledJob } from '../scheduledJob';

/** Applications read at once: the backfill must not crowd out the portal's own requests. */
const CONCURRENCY = 4;
/** Commits read for one deployment at most: a deployment after months brings its last ones. */
const MAX_COMMITS = 100;

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
      /** Reads the version files and the commits each deployment brought. */
      git: GitProviderRegistry;
      store: DeploymentStore;
      logger: LoggerService;
      /** Waits before asking again for the histories that could not be read. */
      retryDelaysMs?: number[];
    },
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [30_000, 120_000];
  }

  private readonly retryDelaysMs: number[];

  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'gitops-deployment-history-backfill',
      scope: 'global',
      // Soon after start, once the runtimes have listed, so a new portal's Insights page has its past
      // within the first minute; then daily, for what others deployed meanwhile.
      initialDelay: { seconds: 15 },
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
    // The folders of one component in every environment of its product: the commits to any of them
    // since an application's previous deployment are the changes that deployment brought.
    const folders = new Map<string, Set<string>>();
    const componentKey = (
      product: string,
      environment: string,
      app: ApplicationSummary,
    ) => JSON.stringify([product, componentOf(app, environment)]);
    for (const { product, environment, app } of placed) {
      const key = componentKey(product, environment, app);
      const set = folders.get(key) ?? new Set<string>();
      for (const source of app.sources) {
        if (source.path !== undefined)
          set.add(`${source.repoURL}\0${source.path}`);
      }
      folders.set(key, set);
    }
    // A runtime busy or briefly down loses no history: what failed is asked again a little later.
    let pending = placed;
    result.applications = placed.length;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const last = attempt >= this.retryDelaysMs.length;
      const failed: typeof placed = [];
      await Promise.all(
        pending.map(placement =>
          limit(async () => {
            const { product, environment, app } = placement;
            try {
              result.recorded += await this.backfill({
                product,
                environment,
                app,
                versionSource: model.config.products.find(
                  p => p.name === product,
                )?.versionSource,
                folders: folders.get(componentKey(product, environment, app))!,
              });
            } catch (error) {
              failed.push(placement);
              this.options.logger.warn(
                `Could not read the Argo CD history of ${app.runtime}/${
                  app.name
                }: ${error}${
                  last
                    ? ''
                    : `; trying again in ${Math.round(
                        this.retryDelaysMs[attempt] / 1000,
                      )} s`
                }`,
              );
            }
          }),
        ),
      );
      if (last) {
        result.failed = failed.length;
        break;
      }
      pending = failed;
      if (pending.length > 0) await sleep(this.retryDelaysMs[attempt]);
    }
    return result;
  }

  private async backfill(placement: {
    product: string;
    environment: string;
    app: ApplicationSummary;
    versionSource?: VersionSource;
    folders: ReadonlySet<string>;
  }): Promise<number> {
    const { product, environment, app } = placement;
    const runtime = this.options.fleet.get(app.runtime);
    const history = await runtime.history(app.namespace, app.name);
    const oldestFirst = [...history].reverse().flatMap(entry => {
      const revision = revisionOf(entry);
      return revision ? [revision] : [];
    });
    const versions = new Map<string, string>();
    const changes = new Map<string, SourceCommit[]>();
    await Promise.all(
      oldestFirst.map(async (revision, index) => {
        const [version, brought] = await Promise.all([
          this.versionAt(app, revision, placement.versionSource),
          this.commitsBetween(
            placement.folders,
            oldestFirst[index - 1],
            revision,
          ),
        ]);
        if (version) versions.set(revision, version);
        if (brought.length > 0) changes.set(revision, brought);
      }),
    );
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
      versions,
      changes,
    });
    let recorded = 0;
    // Oldest first: the store marks the deployment a rollback replaced, so that one must be there.
    for (const deployment of deployments) {
      if (await this.options.store.record(deployment)) recorded += 1;
    }
    return recorded;
  }

  /** The version the product's version file held at a revision; absent when it cannot be read. */
  private async versionAt(
    app: ApplicationSummary,
    revision: string,
    versionSource: VersionSource | undefined,
  ): Promise<string | undefined> {
    if (!versionSource) return undefined;
    const location = sourceFileLocation(
      {
        sources: app.sources,
        sync: { ...app.sync, revision, revisions: undefined },
      },
      versionSource.file,
    );
    if ('problem' in location) return undefined;
    const text = await this.options.git
      .forUrl(location.repoURL)
      .readFile(location.repoURL, location.revision, location.path)
      .catch(() => undefined);
    if (text === undefined) return undefined;
    const reading = readYamlValue(versionSource.file, text, versionSource.path);
    return reading.ok ? reading.value : undefined;
  }

  /**
   * Commits to the component's folders in (from, to], newest first; without an earlier entry, or when
   * Git cannot tell, the deployment brought its own manifest commit (with its time where known).
   */
  private async commitsBetween(
    folders: ReadonlySet<string>,
    from: string | undefined,
    to: string,
  ): Promise<SourceCommit[]> {
    const byRepo = new Map<string, string[]>();
    for (const folder of folders) {
      const [repoURL, path] = folder.split('\0');
      byRepo.set(repoURL, [...(byRepo.get(repoURL) ?? []), path]);
    }
    const toSource = (commit: GitCommitInfo): SourceCommit => ({
      sha: commit.sha,
      time: commit.author.date,
      author: commit.author.name,
      issueKeys: issueKeysIn(commit.message),
    });
    for (const [repoURL, paths] of byRepo) {
      try {
        const provider = this.options.git.forUrl(repoURL);
        const brought = from
          ? await provider.log(repoURL, { from, to, paths, limit: MAX_COMMITS })
          : [];
        if (brought.length > 0) return brought.map(toSource);
        const own = await provider.log(repoURL, { to, limit: 1 });
        if (own[0]?.sha === to) return [toSource(own[0])];
      } catch {
        // Not this repository's revision, or the repository cannot be read: try the next one.
      }
    }
    return [];
  }
}
