import { mockServices } from '@backstage/backend-test-utils';
import type { ProductSummary, Release } from '@slipway/plugin-gitops-common';
import type { ApplicationSeed } from '@slipway/runtime-simulator';
import type { Knex } from 'knex';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../../config/__testUtils__/deliveryRepo';
import { createTestRepo, TestRepo } from '../../git/__testUtils__/localRepos';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../../__testUtils__/gitopsBackend';
import { waitFor } from '../../__testUtils__/waitFor';

/** A values file with comments, so a test can see that a promotion keeps them. */
export function valuesYaml(app: string, env: string, tag: string) {
  return `# ${app} in ${env}: values Argo CD renders
replicaCount: ${env === 'prod' ? 2 : 1} # prod runs two
image:
  repository: ghcr.io/slipway-test/${app}
  # the tag promotions move
  tag: "${tag}"
`;
}

export function appFiles(app: string, env: string, tag: string) {
  return {
    [`apps/${app}/${env}/Chart.yaml`]: `apiVersion: v2\nname: ${app}\nversion: 0.1.0\n`,
    [`apps/${app}/${env}/values.yaml`]: valuesYaml(app, env, tag),
  };
}

export function environmentYaml(
  name: string,
  order: number,
  runtime: string,
  namespaces: string[],
  freezeWindows: { start: string; end: string; reason?: string }[] = [],
) {
  return `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  tier: ${name === 'prod' ? 'production' : 'non-production'}
  order: ${order}
  targets:
    - runtime: ${runtime}
      cluster: in-cluster
      namespaces: [${namespaces.join(', ')}]
  freezeWindows: ${JSON.stringify(freezeWindows)}
`;
}

export function productYaml(
  name: string,
  options: { flows?: string[]; concurrency?: 'queue' | 'supersede' } = {},
) {
  return `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: ${name}
spec:
  owner: group:default/${name}-team
  versionSource: { file: values.yaml, path: $.image.tag }
  promotion:
    files:
      - file: values.yaml
        paths: [$.image.tag]
  flows: [${(options.flows ?? []).map(f => `{ name: ${f} }`).join(', ')}]
  concurrency: ${options.concurrency ?? 'queue'}
`;
}

/** The gates of one flow step by phase, each gate as the flow document writes it. */
export type StepGates = { pre?: object[]; post?: object[] };

/** A manual PromotionFlow triggered in dev whose one step promotes into prod, after dev, behind `gates`. */
export function prodFlowYaml(name: string, gates: StepGates) {
  return `apiVersion: slipway.dev/v1alpha1
kind: PromotionFlow
metadata:
  name: ${name}
spec:
  trigger: { environment: dev, mode: manual }
  steps:
    - environment: prod
      dependsOn: [dev]
      gates: ${JSON.stringify(gates)}
`;
}

/** Stands for the world's manifests repository URL in `nonprodApps` / `prodApps`. */
export const WORLD_REPO = '<manifests>';

/** An Argo CD Application of `product` for the simulator, following `main`. */
export function application(
  repoURL: string,
  product: string,
  app: string,
  env: string,
  namespace: string,
  automated = true,
) {
  return {
    metadata: {
      name: `${app}-${env}`,
      namespace: 'argocd',
      labels: {},
      annotations: { 'slipway.dev/product': product },
    },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${app}/${env}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      ...(automated
        ? { syncPolicy: { automated: { prune: true, selfHeal: true } } }
        : {}),
    },
  };
}

function withRepo(apps: object[] | undefined, url: string): ApplicationSeed[] {
  return (apps ?? []).map(app =>
    JSON.parse(JSON.stringify(app).split(WORLD_REPO).join(url)),
  );
}

export interface WorldOptions {
  /** Extra files of the manifests repository (beyond shop-api dev 1.1.0 → prod 1.0.0). */
  manifests?: Record<string, string>;
  /** Extra delivery documents. */
  delivery?: Record<string, string>;
  /** Extra applications per runtime. */
  nonprodApps?: object[];
  prodApps?: object[];
  /** Simulator timings of both runtimes. */
  timings?: SimTimings;
  /** Simulator timings of the prod runtime (e.g. a slow sync). */
  prodTimings?: SimTimings;
}

type SimTimings = {
  pollIntervalMs?: number;
  syncDelayMs?: number;
  progressingMs?: number;
};

const timingsOf = (...overrides: (SimTimings | undefined)[]) => ({
  timings: Object.assign(
    { pollIntervalMs: 100, syncDelayMs: 100, progressingMs: 200 },
    ...overrides,
  ),
});

/**
 * World options for `names` products whose applications' files all live on one branch of the
 * manifests repository: `<name>-api` at 2.0.0 in dev and 1.0.0 in prod, each product its own.
 */
export function productsOnOneBranch(names: string[]): WorldOptions {
  const manifests: Record<string, string> = {};
  const delivery: Record<string, string> = {
    'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', []),
  };
  for (const name of names) {
    Object.assign(
      manifests,
      appFiles(`${name}-api`, 'dev', '2.0.0'),
      appFiles(`${name}-api`, 'prod', '1.0.0'),
    );
    delivery[`products/${name}.yaml`] = productYaml(name);
  }
  return {
    manifests,
    delivery,
    nonprodApps: names.map(name =>
      application(WORLD_REPO, name, `${name}-api`, 'dev', `${name}-dev`),
    ),
    prodApps: names.map(name =>
      application(WORLD_REPO, name, `${name}-api`, 'prod', name),
    ),
  };
}

/** How many products of a `GET /products` answer show `version` in `environment`. */
export function productsShowing(
  list: { items?: ProductSummary[] },
  environment: string,
  version: string,
): number {
  return (list.items ?? []).filter(product =>
    product.environments.some(
      e => e.environment === environment && e.version === version,
    ),
  ).length;
}

/** Every release has landed its commits, or ended (failed, terminated) without them. */
export function commitsSettled(releases: Release[]): boolean {
  return releases.every(
    r =>
      r.status === 'failed' ||
      r.status === 'terminated' ||
      r.steps?.every(step =>
        step.applications.every(app => Boolean(app.commitSha)),
      ),
  );
}

/**
 * Two simulated runtimes over a real bare manifests repository and a delivery repository:
 * product `shop` with `shop-api` in dev (1.1.0) and prod (1.0.0).
 */
export async function createWorld(options: WorldOptions = {}) {
  const manifests: TestRepo = await createTestRepo('bare');
  await manifests.seed(
    {
      ...appFiles('shop-api', 'dev', '1.1.0'),
      ...appFiles('shop-api', 'prod', '1.0.0'),
      ...options.manifests,
    },
    'first versions',
  );
  const delivery: DeliveryTestRepo = await createDeliveryRepo();
  await delivery.commit({
    'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', ['shop-dev']),
    'environments/prod.yaml': environmentYaml('prod', 3, 'prod', []),
    'products/shop.yaml': productYaml('shop'),
    ...options.delivery,
  });
  const nonprod: TestRuntime = await startRuntime('nonprod', {
    ...timingsOf(options.timings),
    applications: [
      application(manifests.url, 'shop', 'shop-api', 'dev', 'shop-dev'),
      ...withRepo(options.nonprodApps, manifests.url),
    ],
  });
  const prod: TestRuntime = await startRuntime('prod', {
    ...timingsOf(options.timings, options.prodTimings),
    applications: [
      application(manifests.url, 'shop', 'shop-api', 'prod', 'shop'),
      ...withRepo(options.prodApps, manifests.url),
    ],
  });
  return {
    manifests,
    delivery,
    nonprod,
    prod,
    async close() {
      await Promise.all([nonprod.sim.close(), prod.sim.close()]);
      await Promise.all([manifests.cleanup(), delivery.cleanup()]);
    },
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** The gitops backend on `knex` (a test database), with a fast promotion engine. */
export async function startWorldBackend(
  world: World,
  knex: Knex,
  promotions: object = {},
  features: any[] = [],
  more: {
    /** More of `gitops.git` (e.g. `localPermissions`). */
    git?: object;
    /** More top-level config (e.g. `integrations`). */
    config?: object;
    /** `gitops.gates` (e.g. the gates' secrets). */
    gates?: object;
  } = {},
) {
  return startGitopsBackend(
    [runtimeConfig(world.nonprod), runtimeConfig(world.prod)],
    {
      gitops: {
        deliveryRepo: { url: world.delivery.url },
        git: { allowLocal: true, ...more.git },
        promotions: { pollInterval: 200, ...promotions },
        ...(more.gates ? { gates: more.gates } : {}),
      },
      features: [mockServices.database.factory({ knex }), ...features],
      config: more.config,
    },
  );
}

export type WorldBackend = Awaited<ReturnType<typeof startWorldBackend>>;

/** Polls the release until `ready`, refreshing the runtimes' snapshots meanwhile. */
export async function waitForRelease(
  backend: WorldBackend,
  id: string,
  ready: (release: Release) => boolean,
  timeoutMs = 90_000,
): Promise<Release> {
  let last: Release | undefined;
  try {
    return await waitFor(async () => {
      const res = await backend.api().get(`/api/gitops/releases/${id}`);
      if (res.status !== 200) return false;
      last = res.body as Release;
      return ready(last) && last;
    }, timeoutMs);
  } catch (error) {
    throw new Error(
      `Release ${id} never got there; last seen: ${JSON.stringify(
        last,
        null,
        2,
      )}`,
    );
  }
}

/** Waits until the board shows `version` for the product in the environment. */
export async function waitForVersion(
  backend: WorldBackend,
  product: string,
  environment: string,
  version: string,
  timeoutMs = 90_000,
) {
  await waitFor(async () => {
    const res = await backend.api().get(`/api/gitops/products/${product}`);
    const env = res.body?.environments?.find(
      (e: { environment: string }) => e.environment === environment,
    );
    if (env?.version === version) return true;
    await Promise.all([backend.refresh('nonprod'), backend.refresh('prod')]);
    return false;
  }, timeoutMs);
}
