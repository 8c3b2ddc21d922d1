import {
  ApplicationCounts,
  ApplicationSummary,
  DeliveryConfig,
  EnvironmentSummary,
  ProductState,
  ProductSummary,
  RuntimeError,
  UnassignedApplicationSummary,
  VersionSource,
} from '@slipway/plugin-gitops-common';
import { countApplications } from '../domain/applications';
import { assignApplications } from '../domain/mapping/assignApplications';
import {
  ClusterIdentity,
  componentOf,
} from '../domain/mapping/mappableApplication';
import {
  ApplicationWithVersion,
  productEnvironmentState,
} from '../domain/products/productEnvironmentState';
import { detectVersion } from '../domain/versions/detectVersion';
import { sourceFileLocation } from '../domain/versions/sourceFileLocation';
import { DeliveryRuntimes } from './DeliveryRuntimes';
import { GitReads } from './GitReads';

/** Everything the delivery routes answer from, computed once per config commit and runtime snapshots. */
export interface BoardModel {
  config: DeliveryConfig;
  errors: RuntimeError[];
  environments: EnvironmentSummary[];
  unassignedCounts: ApplicationCounts;
  /** In product name order. */
  products: ProductState[];
  summaries: ProductSummary[];
  unassigned: UnassignedApplicationSummary[];
  /** Assigned applications by product, then environment. */
  applications: Map<string, Map<string, ApplicationSummary[]>>;
  /** Applications with a product or an environment but not both, with what is known. */
  partlyPlaced: {
    app: ApplicationSummary;
    product?: string;
    environment?: string;
  }[];
}

export interface BoardInput {
  config: DeliveryConfig;
  apps: readonly ApplicationSummary[];
  errors: RuntimeError[];
  clusters: ReadonlyMap<string, readonly ClusterIdentity[]>;
}

/** The Git source whose synced and desired commits are compared (single-source apps only). */
async function desiredRevision(
  app: ApplicationSummary,
  git: GitReads,
): Promise<string | undefined> {
  const [source] = app.sources;
  if (app.sources.length !== 1 || source.chart || !app.sync.revision) {
    return undefined;
  }
  return git.resolveRevision(source.repoURL, source.targetRevision || 'HEAD');
}

/**
 * The app with `sync.revision` set to what runs. Argo CD reports the compared (target) revision there;
 * while an app is OutOfSync that is not the deployed one, so its newest history entry is asked for.
 */
async function asDeployed(
  app: ApplicationSummary,
  runtimes: DeliveryRuntimes,
  git: GitReads,
): Promise<ApplicationSummary> {
  const source = app.sources.find(s => s.path !== undefined && !s.chart);
  if (
    app.sync.status !== 'OutOfSync' ||
    !source ||
    !git.supports(source.repoURL)
  ) {
    return app;
  }
  const deployed = await runtimes.deployedRevisions(app);
  if (!deployed) return app;
  const { revision: _compared, revisions: _comparedAll, ...sync } = app.sync;
  return {
    ...app,
    sync: {
      ...sync,
      ...(deployed.revision ? { revision: deployed.revision } : {}),
      ...(deployed.revisions ? { revisions: deployed.revisions } : {}),
    },
  };
}

async function withVersion(
  summary: ApplicationSummary,
  environment: string,
  versionSource: VersionSource | undefined,
  context: { git: GitReads; runtimes: DeliveryRuntimes },
): Promise<ApplicationWithVersion> {
  const { git } = context;
  const app = await asDeployed(summary, context.runtimes, git);
  const component = componentOf(app, environment);
  let fileText: string | undefined;
  let fileProblem: string | undefined;
  if (versionSource) {
    const location = sourceFileLocation(app, versionSource.file);
    if ('problem' in location) {
      fileProblem = location.problem;
    } else {
      const reading = await git.readFile(
        location.repoURL,
        location.revision,
        location.path,
      );
      if ('problem' in reading) fileProblem = reading.problem;
      else fileText = reading.text;
    }
  }
  const desired = await desiredRevision(summary, git);
  return {
    app,
    version: detectVersion({
      versionSource,
      fileText,
      fileProblem,
      images: app.images,
      component,
    }),
    ...(desired ? { desiredRevision: desired } : {}),
  };
}

function toSummary(
  app: ApplicationSummary,
  placement: Omit<UnassignedApplicationSummary, 'health' | 'sync'>,
): UnassignedApplicationSummary {
  return {
    application: placement.application,
    ...(placement.product ? { product: placement.product } : {}),
    ...(placement.environment ? { environment: placement.environment } : {}),
    reasons: placement.reasons,
    message: placement.message,
    health: app.health.status,
    sync: app.sync.status,
  };
}

/** Places every application, reads its version at its synced revision, and sums up per product and environment. */
export async function buildBoardModel(
  input: BoardInput,
  context: { git: GitReads; runtimes: DeliveryRuntimes },
): Promise<BoardModel> {
  const { config } = input;
  const mapping = assignApplications(input.apps, {
    products: config.products,
    environments: config.environments,
    clusters: input.clusters,
  });

  const applications = new Map<string, Map<string, ApplicationSummary[]>>();
  for (const { app, product, environment } of mapping.assigned) {
    const byEnvironment = applications.get(product) ?? new Map();
    const list = byEnvironment.get(environment) ?? [];
    list.push(app);
    byEnvironment.set(environment, list);
    applications.set(product, byEnvironment);
  }

  const products = await Promise.all(
    config.products.map(async (product): Promise<ProductState> => {
      const byEnvironment = applications.get(product.name);
      const environments = await Promise.all(
        config.environments.map(async ({ name }) => {
          const apps = await Promise.all(
            (byEnvironment?.get(name) ?? []).map(app =>
              withVersion(app, name, product.versionSource, context),
            ),
          );
          // Keep the apps as deployed, so the environment diff reads what runs too.
          if (apps.length > 0)
            byEnvironment!.set(
              name,
              apps.map(a => a.app),
            );
          return productEnvironmentState(name, apps);
        }),
      );
      return { product, environments };
    }),
  );

  const summaries = products.map(
    ({ product, environments }): ProductSummary => ({
      product,
      environments: environments.map(state => ({
        environment: state.environment,
        applications: state.applications.length,
        ...(state.version ? { version: state.version } : {}),
        versions: state.versions,
        health: state.health,
        sync: state.sync,
        drift: state.drift,
      })),
    }),
  );

  const environments = config.environments.map(
    (environment): EnvironmentSummary => {
      const apps: ApplicationSummary[] = [];
      let productCount = 0;
      for (const byEnvironment of applications.values()) {
        const list = byEnvironment.get(environment.name);
        if (list?.length) {
          productCount += 1;
          apps.push(...list);
        }
      }
      return {
        ...environment,
        applications: countApplications(apps),
        products: productCount,
      };
    },
  );

  return {
    config,
    errors: input.errors,
    environments,
    unassignedCounts: countApplications(mapping.unassigned.map(u => u.app)),
    products,
    summaries,
    unassigned: mapping.unassigned.map(({ app, ...placement }) =>
      toSummary(app, placement),
    ),
    applications,
    partlyPlaced: mapping.unassigned.map(({ app, product, environment }) => ({
      app,
      product,
      environment,
    })),
  };
}
