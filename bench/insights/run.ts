/* eslint-disable no-console */
/**
 * Benchmark: the insights routes over a year of deployment history in PostgreSQL.
 *
 * 500 products (2 to 5 applications each) × 3 environments (dev, staging, production: the production
 * tier) × 1 year of releases (about 500,000 rows in `gitops_deployments`): flow releases through the
 * environments, failures, rollbacks and deployments made outside Slipway; source commits with authors
 * and issue keys; releases with their notes (commits, authors, issue keys, images from→to). Then the
 * p50/p95 of the real HTTP routes through the gitops backend plugin:
 *  - `GET /metrics/dora` for one product (target p95 < 100 ms) and for every product (< 1 s);
 *  - `GET /changes?q=` for an issue key, a short SHA, an author and an image tag (< 100 ms).
 *
 * Uses a dedicated database `slipway_bench_insights`, created at the start and dropped at the end.
 *
 *   npx tsx bench/insights/run.ts [--products 500] [--samples 40] [--pg postgresql://postgres@127.0.0.1:5432]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import {
  createDeliveryRepo,
  Deployment,
  deploymentTerms,
  gitopsPlugin,
  OUTSIDE_SLIPWAY,
  releaseNoteTerms,
  releaseRecord,
  ReleaseRecord,
  toDeploymentRow,
  toReleaseRow,
} from '@slipway/plugin-gitops-backend/testUtils';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { freshBenchDatabase } from '../common/benchDatabase';
import { idleScheduler } from '../common/idleScheduler';
import { seededRandom } from '../common/random';
import { timedGet } from '../common/timedGet';
import { msSince as ms, percentile } from '../common/timing';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '500' },
    samples: { type: 'string', default: '40' },
    pg: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432' },
  },
});
const PRODUCT_COUNT = Number(values.products);
const SAMPLES = Number(values.samples);
const DATABASE = 'slipway_bench_insights';
// PostgreSQL takes at most 65,535 bound values per statement.
const DEPLOYMENT_BATCH = 2_000;
const RELEASE_BATCH = 1_000;

const { random, pick } = seededRandom();
const between = (min: number, max: number) => min + random() * (max - min);
const chance = (p: number) => random() < p;
/** A deterministic 40-digit hex SHA. */
const sha = (text: string) => createHash('sha1').update(text).digest('hex');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const NOW = Date.now();
const START = NOW - YEAR;
const iso = (ms: number) => new Date(ms).toISOString();

const ENVIRONMENTS = [
  { name: 'dev', runtime: 'nonprod', suffix: '-dev' },
  { name: 'staging', runtime: 'nonprod', suffix: '-staging' },
  { name: 'production', runtime: 'prod', suffix: '' },
] as const;
const COMPONENTS = ['api', 'web', 'worker', 'gateway', 'migrations'];
const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Eli', 'Femi', 'Gus', 'Hana'];
const LAST = ['Ruiz', 'Okafor', 'Li', 'Novak', 'Sato', 'Berg', 'Kaur', 'Moss'];
const AUTHORS = Array.from(
  { length: 320 },
  (_, i) =>
    `${FIRST[i % FIRST.length]} ${
      LAST[Math.floor(i / FIRST.length) % LAST.length]
    }${i >= 64 ? ` ${Math.floor(i / 64)}` : ''}`,
);
const PROJECTS = ['PAY', 'SHOP', 'OPS', 'CORE', 'DATA', 'AUTH', 'WEB', 'SRCH'];

interface Product {
  name: string;
  /** Jira project; ten products share one. */
  project: string;
  team: string[];
  apps: string[];
}

const products: Product[] = Array.from({ length: PRODUCT_COUNT }, (_, k) => ({
  name: `product-${k}`,
  project: `${PROJECTS[k % PROJECTS.length]}${Math.floor(k / 10)}`,
  team: Array.from({ length: 8 }, (__, i) => AUTHORS[(k * 3 + i) % 320]),
  apps: COMPONENTS.slice(0, 2 + (k % 4)).map(c => `product-${k}-${c}`),
}));

/** Values the `GET /changes` samples ask for, gathered while generating. */
const samples = {
  issueKeys: [] as string[],
  shas: [] as string[],
  authors: [] as string[],
  images: [] as string[],
};
const issueCounters = new Map<string, number>();

function releaseNotes(
  product: Product,
  version: string,
  previous: string | undefined,
  createdAt: number,
): ReleaseNotes {
  const commits = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const counter = (issueCounters.get(product.project) ?? 0) + 1;
    issueCounters.set(product.project, counter);
    const issueKeys = chance(0.85) ? [`${product.project}-${counter}`] : [];
    const author = pick(product.team);
    const commitSha = sha(`${product.name}:${version}:${random()}`);
    return {
      sha: commitSha,
      message: `${issueKeys[0] ?? 'chore'}: change ${counter} of ${
        product.name
      }`,
      author,
      date: iso(createdAt - between(10 * MINUTE, 3 * DAY)),
      issueKeys,
    };
  });
  const notes: ReleaseNotes = {
    commits,
    authors: [...new Set(commits.map(c => c.author))],
    issueKeys: commits.flatMap(c => c.issueKeys),
    images: product.apps.map(app => ({
      name: `ghcr.io/acme/${app}`,
      ...(previous ? { from: previous } : {}),
      to: version,
    })),
  };
  if (chance(0.01)) {
    samples.issueKeys.push(...notes.issueKeys);
    samples.shas.push(commits[0].sha.slice(0, 7));
    samples.authors.push(commits[0].author);
    samples.images.push(`ghcr.io/acme/${pick(product.apps)}:${version}`);
  }
  return notes;
}

/**
 * One product's year: releases about every three days (some products much more often), each through
 * dev, then staging, then production unless it failed or stopped earlier.
 */
function productHistory(product: Product, k: number) {
  const releases: ReleaseRecord[] = [];
  const deployments: Deployment[] = [];
  const count = Math.round(between(70, 190));
  const major = 1 + (k % 5);
  let running: { version: string; index: number } | undefined;
  let deploymentCount = 0;
  const deploy = (
    environment: (typeof ENVIRONMENTS)[number],
    app: string,
    d: Pick<Deployment, 'releaseId' | 'sourceCommits'> &
      Partial<Deployment> & { at: number },
  ): Deployment => {
    const { at, ...rest } = d;
    const deployment: Deployment = {
      product: product.name,
      environment: environment.name,
      application: {
        runtime: environment.runtime,
        namespace: `${product.name}${environment.suffix}`,
        name: app,
      },
      revision: sha(`${product.name}:deployment:${deploymentCount++}`),
      syncedAt: iso(at),
      healthyAt: iso(at + between(MINUTE, 5 * MINUTE)),
      outcome: 'healthy',
      ...rest,
    };
    deployments.push(deployment);
    return deployment;
  };

  for (let i = 0; i < count; i++) {
    const createdAt = START + (i + random() * 0.8) * (YEAR / count);
    const version = `${major}.${i}.0`;
    const rollback = running && chance(0.03);
    const kind = rollback ? 'rollback' : 'flow';
    const releasedVersion = rollback
      ? `${major}.${Math.max(0, running!.index - 1)}.0`
      : version;
    const notes = releaseNotes(
      product,
      releasedVersion,
      running?.version,
      createdAt,
    );
    const id = `${product.name}-r${i}`;
    const sourceCommits = notes.commits.map(c => ({
      sha: c.sha,
      time: c.date,
      author: c.author,
      issueKeys: c.issueKeys,
    }));
    // Rollbacks go straight to production; flow releases walk the environments.
    const route = rollback ? [ENVIRONMENTS[2]] : ENVIRONMENTS;
    let at = createdAt + between(2 * MINUTE, 10 * MINUTE);
    let status: ReleaseRecord['status'] = 'succeeded';
    const steps: ReleaseRecord['steps'] = [];
    for (const environment of route) {
      const failing = chance(environment.name === 'production' ? 0.05 : 0.03);
      const degraded = failing ? pick(product.apps) : undefined;
      steps.push({
        environment: environment.name,
        dependsOn: steps.length ? [steps[steps.length - 1].environment] : [],
        action: 'commit',
        status: degraded ? 'failed' : 'succeeded',
        gates: [],
        startedAt: iso(at),
        finishedAt: iso(at + 10 * MINUTE),
        applications: product.apps.map(app => {
          const d = deploy(environment, app, {
            at: at + between(0, 2 * MINUTE),
            version: releasedVersion,
            sourceCommits,
            releaseId: id,
            releaseKind: kind,
          });
          if (app === degraded) {
            delete d.healthyAt;
            d.outcome = 'degraded';
            d.failedAt = iso(
              Date.parse(d.syncedAt) + between(MINUTE, 8 * MINUTE),
            );
          } else if (environment.name === 'production' && chance(0.02)) {
            // Seen degraded later, then healthy again in place.
            d.failedAt = iso(
              Date.parse(d.healthyAt!) + between(HOUR, 12 * HOUR),
            );
          }
          return {
            application: d.application,
            component: app.slice(product.name.length + 1),
            repoURL: 'https://github.com/acme/app-manifests',
            branch: 'main',
            path: `apps/${app}/${environment.name}`,
            status: app === degraded ? 'failed' : 'healthy',
            commitSha: d.revision,
            syncedRevision: d.revision,
            startedAt: iso(at),
            finishedAt: d.healthyAt ?? d.failedAt,
          };
        }),
      });
      if (degraded) {
        status = 'failed';
        break;
      }
      // Not every version is taken further the same day.
      if (!rollback && chance(environment.name === 'dev' ? 0.2 : 0.25)) break;
      at += between(2 * HOUR, 30 * HOUR);
    }
    releases.push(
      releaseRecord(id, {
        product: product.name,
        kind,
        ...(rollback ? {} : { flow: 'standard' }),
        version: releasedVersion,
        sourceEnvironment: rollback ? 'production' : 'dev',
        initiator: rollback ? 'user:default/ana.ruiz' : 'engine',
        status,
        createdAt: iso(createdAt),
        updatedAt: iso(at),
        finishedAt: iso(at + 10 * MINUTE),
        steps,
        notes,
      }),
    );
    if (status === 'succeeded' && steps.length === route.length) {
      running = { version: releasedVersion, index: rollback ? i - 1 : i };
    }

    // Someone syncs by hand now and then: a deployment Slipway did not make.
    if (chance(0.05)) {
      const environment = pick(ENVIRONMENTS);
      const app = pick(product.apps);
      const revision = sha(`${product.name}:outside:${i}`);
      deploy(environment, app, {
        at: createdAt + between(HOUR, 2 * DAY),
        revision,
        sourceCommits: [{ sha: revision, time: iso(createdAt) }],
        releaseId: OUTSIDE_SLIPWAY,
        ...(chance(0.3) ? { outcome: 'syncing', healthyAt: undefined } : {}),
      });
    }
  }
  markReplaced(deployments);
  return { releases, deployments };
}

/** What the store does when it records each deployment in turn: the one a rollback replaced is rolled back, a syncing one replaced is superseded. */
function markReplaced(deployments: Deployment[]) {
  const byApp = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const key = `${d.application.runtime}/${d.application.namespace}/${d.application.name}`;
    byApp.set(key, [...(byApp.get(key) ?? []), d]);
  }
  for (const list of byApp.values()) {
    list.sort((a, b) => Date.parse(a.syncedAt) - Date.parse(b.syncedAt));
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1];
      if (
        list[i].releaseKind === 'rollback' &&
        previous.outcome !== 'rolled-back'
      ) {
        previous.outcome = 'rolled-back';
      } else if (previous.outcome === 'syncing') {
        previous.outcome = 'superseded';
      }
    }
  }
}

function deliveryFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  ENVIRONMENTS.forEach((environment, order) => {
    files[
      `environments/${environment.name}.yaml`
    ] = `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${environment.name}
spec:
  tier: ${environment.name === 'production' ? 'production' : 'non-production'}
  order: ${order + 1}
  targets:
    - runtime: ${environment.runtime}
      cluster: in-cluster
      namespaces: [${products
        .map(p => `${p.name}${environment.suffix}`)
        .join(', ')}]
`;
  });
  products.forEach((product, k) => {
    files[`products/${product.name}.yaml`] = `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: ${product.name}
spec:
  title: Product ${k}
  owner: group:default/team-${k % 25}
  entities: [system:default/${product.name}]
  versionSource: { file: Chart.yaml, path: $.appVersion }
  promotion:
    files:
      - file: values.yaml
        paths: [$.image.tag]
`;
  });
  return files;
}

async function insert(
  knex: Knex,
  table: string,
  rows: object[],
  batch: number,
) {
  for (let i = 0; i < rows.length; i += batch) {
    await knex(table).insert(rows.slice(i, i + batch));
  }
}

/** Deployments and the terms the store would index them by, as its `record` writes both. */
async function insertDeployments(knex: Knex, deployments: Deployment[]) {
  for (let i = 0; i < deployments.length; i += DEPLOYMENT_BATCH) {
    const batch = deployments.slice(i, i + DEPLOYMENT_BATCH);
    const ids: Array<{ id: string }> = await knex('gitops_deployments')
      .insert(batch.map(toDeploymentRow))
      .returning('id');
    const terms = batch.flatMap((d, n) =>
      deploymentTerms(d).map(term => ({ term, deployment_id: ids[n].id })),
    );
    await insert(knex, 'gitops_deployment_terms', terms, 20_000);
  }
}

async function main() {
  const database = await freshBenchDatabase(values.pg!, DATABASE);
  const knex = database.knex;
  const repo = await createDeliveryRepo();
  try {
    await repo.commit(deliveryFiles(), 'bench delivery config');

    console.log(
      `Generating ${PRODUCT_COUNT} products × ${ENVIRONMENTS.length} environments × 1 year…`,
    );
    const bulkStart = process.hrtime.bigint();
    let deploymentRows = 0;
    let releaseRows = 0;
    for (let k = 0; k < products.length; k += 20) {
      const releases: ReleaseRecord[] = [];
      const deployments: Deployment[] = [];
      for (const [j, product] of products.slice(k, k + 20).entries()) {
        const history = productHistory(product, k + j);
        releases.push(...history.releases);
        deployments.push(...history.deployments);
      }
      await insert(
        knex,
        'gitops_releases',
        releases.map(toReleaseRow),
        RELEASE_BATCH,
      );
      await insert(
        knex,
        'gitops_release_terms',
        releases.flatMap(r =>
          releaseNoteTerms(r.notes!).map(term => ({ term, release_id: r.id })),
        ),
        20_000,
      );
      await insertDeployments(knex, deployments);
      deploymentRows += deployments.length;
      releaseRows += releases.length;
    }
    await knex.raw('ANALYZE gitops_deployments');
    await knex.raw('ANALYZE gitops_releases');
    await knex.raw('ANALYZE gitops_deployment_terms');
    await knex.raw('ANALYZE gitops_release_terms');
    const outcomes = await knex('gitops_deployments')
      .select('outcome')
      .count('* as n')
      .groupBy('outcome')
      .orderBy('outcome');
    console.log(
      `  ${deploymentRows.toLocaleString('en-US')} deployments (${outcomes
        .map(o => `${o.outcome} ${Number(o.n).toLocaleString('en-US')}`)
        .join(', ')}), ${releaseRows.toLocaleString(
        'en-US',
      )} releases with notes, in ${(ms(bulkStart) / 1000).toFixed(1)} s`,
    );

    const backend = await startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.rootConfig.factory({
          data: {
            gitops: {
              runtimes: [],
              deliveryRepo: { url: repo.url, branch: 'main' },
              git: { allowLocal: true },
            },
          },
        }),
        mockServices.database.factory({ knex, migrations: { skip: true } }),
        idleScheduler,
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/gitops`;
    try {
      const yearAgo = iso(START + DAY).slice(0, 10);
      const cases: Array<{
        name: string;
        targetMs: number;
        path: () => string;
        size: (body: any) => number;
      }> = [
        {
          name: 'DORA, one product, 90 days',
          targetMs: 100,
          path: () => `/metrics/dora?product=${pick(products).name}`,
          size: body => body.deploymentFrequency.deployments,
        },
        {
          name: 'DORA, one product, 1 year by day',
          targetMs: 100,
          path: () =>
            `/metrics/dora?product=${
              pick(products).name
            }&from=${yearAgo}&bucket=day`,
          size: body => body.deploymentFrequency.deployments,
        },
        {
          name: 'DORA, one owner (20 products), 90 days',
          targetMs: 1000,
          path: () =>
            `/metrics/dora?owner=${encodeURIComponent(
              `group:default/team-${Math.floor(random() * 25)}`,
            )}`,
          size: body => body.deploymentFrequency.deployments,
        },
        {
          name: 'DORA, every product, 90 days',
          targetMs: 1000,
          path: () => '/metrics/dora',
          size: body => body.deploymentFrequency.deployments,
        },
        {
          name: 'DORA, every product, 1 year',
          targetMs: 1000,
          path: () => `/metrics/dora?from=${yearAgo}`,
          size: body => body.deploymentFrequency.deployments,
        },
        ...(
          [
            ['issue key', samples.issueKeys],
            ['short SHA', samples.shas],
            ['author', samples.authors],
            ['image tag', samples.images],
          ] as const
        ).map(([name, list]) => ({
          name: `changes, ${name}`,
          targetMs: 100,
          path: () => `/changes?q=${encodeURIComponent(pick(list))}`,
          size: (body: any) =>
            body.environments.filter((e: any) => e.deployed).length,
        })),
      ];

      // The first request reads the delivery config; later ones use its cache.
      await timedGet(`${base}/metrics/dora?product=${products[0].name}`, false);
      console.log(
        `\nRoutes over HTTP, ${SAMPLES} samples each (after one warm-up request each):`,
      );
      console.log(
        `  ${'route'.padEnd(40)} ${'p50'.padStart(10)} ${'p95'.padStart(
          10,
        )} ${'target'.padStart(8)} ${'answer'.padStart(8)}`,
      );
      let missed = 0;
      for (const c of cases) {
        await timedGet(`${base}${c.path()}`, false);
        const times: number[] = [];
        let size = 0;
        for (let s = 0; s < SAMPLES; s++) {
          const res = await timedGet(`${base}${c.path()}`, true);
          times.push(res.ms);
          size += c.size(JSON.parse(res.text));
        }
        const p95 = percentile(times, 95);
        if (p95 >= c.targetMs) missed++;
        console.log(
          `  ${c.name.padEnd(40)} ${percentile(times, 50)
            .toFixed(1)
            .padStart(7)} ms ${p95
            .toFixed(1)
            .padStart(7)} ms ${`< ${c.targetMs}`.padStart(8)} ${String(
            Math.round(size / SAMPLES),
          ).padStart(8)}${p95 < c.targetMs ? '' : '  MISSES'}`,
        );
      }
      console.log(
        `  answer: production deployments counted (DORA) or environments where the change runs (changes)`,
      );
      console.log(
        missed === 0
          ? '  every route meets its p95 target'
          : `  ${missed} route(s) miss their p95 target`,
      );
    } finally {
      await backend.stop();
    }
  } finally {
    await repo.cleanup();
    await database.drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
