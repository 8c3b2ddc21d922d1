import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DoraReport } from '@slipway/plugin-gitops-common';
import express from 'express';
import request from 'supertest';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../../config/__testUtils__/deliveryRepo';
import { examplesDeliveryDir } from '../../config/__testUtils__/examplesDir';
import {
  migratedDatabase,
  testDatabases,
} from '../../database/__testUtils__/testDatabases';
import { releaseRecord } from '../../database/__testUtils__/releaseRecords';
import { KnexDeploymentStore } from '../../database/deployments/DeploymentStore';
import { ReleaseNotesSearch } from '../../database/deployments/ReleaseNotesSearch';
import { DatabaseReleaseStore } from '../../database/releases/ReleaseStore';
import { DeliveryConfigSource } from '../../delivery/DeliveryConfigSource';
import type { Deployment } from '../../domain/insights/deployments';
import { GitProviders } from '../../git/GitProviders';
import { ChangeSearchService } from '../../insights/ChangeSearchService';
import { DoraService } from '../../insights/DoraService';
import { createOpenApiRouter } from '../../schema/openapi';
import { Authorizer } from '../authorize';
import { addInsightsRoutes } from './insightsRoutes';

jest.setTimeout(60_000);

let repo: DeliveryTestRepo;
beforeAll(async () => {
  // The sandbox's delivery config: production is the production tier; payments is payments-team's.
  repo = await createDeliveryRepo(examplesDeliveryDir());
});
afterAll(() => repo.cleanup());

let n = 0;
function deployed(
  product: string,
  environment: string,
  syncedAt: string,
  overrides: Partial<Deployment> = {},
): Deployment {
  n++;
  return {
    product,
    environment,
    application: {
      runtime: 'prod',
      namespace: product,
      name: `${product}-api`,
    },
    version: `1.${n}.0`,
    revision: n.toString(16).padStart(40, '0'),
    sourceCommits: [],
    syncedAt,
    healthyAt: syncedAt,
    releaseId: `r${n}`,
    releaseKind: 'flow',
    outcome: 'healthy',
    ...overrides,
  };
}

async function appWith(
  knex: Awaited<ReturnType<typeof migratedDatabase>>,
  decision:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const config = new DeliveryConfigSource({
    repo: { url: repo.url, branch: 'main' },
    providers: GitProviders.fromConfig(
      new ConfigReader({ gitops: { git: { allowLocal: true } } }),
    ),
    runtimeNames: ['nonprod', 'prod'],
    logger: mockServices.logger.mock(),
  });
  const router = await createOpenApiRouter();
  addInsightsRoutes(router, {
    authorizer: new Authorizer(
      mockServices.httpAuth(),
      mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result: decision })),
      }),
    ),
    dora: new DoraService({
      store: new KnexDeploymentStore(knex),
      config: () => config.load(),
      changeFailureWindowMs: 24 * 3_600_000,
    }),
    changes: new ChangeSearchService({
      deployments: new KnexDeploymentStore(knex),
      releaseNotes: new ReleaseNotesSearch(knex),
      config: () => config.load(),
    }),
  });
  return express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
      }).error(),
    );
}

const RANGE = 'from=2026-03-02&to=2026-03-16';

describe.each(testDatabases.eachSupportedId())(
  'GET /metrics/dora on %s',
  id => {
    let app: express.Express;

    beforeAll(async () => {
      const knex = await migratedDatabase(id);
      const store = new KnexDeploymentStore(knex);
      for (const d of [
        deployed('payments', 'production', '2026-03-03T10:00:00Z', {
          outcome: 'rolled-back',
        }),
        deployed('payments', 'production', '2026-03-03T11:00:00Z', {
          releaseKind: 'rollback',
        }),
        deployed('payments', 'production', '2026-03-10T10:00:00Z', {
          sourceCommits: [
            { sha: 'c'.repeat(40), time: '2026-03-10T08:00:00Z' },
          ],
        }),
        // Staging is not production-tier: never counted.
        deployed('payments', 'staging', '2026-03-04T10:00:00Z'),
        deployed('search', 'production', '2026-03-11T10:00:00Z', {
          releaseId: 'outside',
          releaseKind: undefined,
        }),
      ]) {
        await store.record(d);
      }
      app = await appWith(knex);
    });

    it('answers the four keys with their definitions, bands and weekly series, for every product', async () => {
      const res = await request(app).get(`/metrics/dora?${RANGE}`);
      expect(res.status).toBe(200);
      const report: DoraReport = res.body;
      expect(report).toMatchObject({
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-03-16T00:00:00.000Z',
        bucket: 'week',
        timeZone: 'UTC',
        changeFailureWindowHours: 24,
        deploymentFrequency: {
          deployments: 2,
          band: 'high',
          definition: expect.stringContaining('production-tier'),
        },
        leadTimeForChanges: {
          commits: 1,
          medianSeconds: 7200,
          p90Seconds: 7200,
          band: 'elite',
        },
        changeFailureRate: { deployments: 3, failures: 1, band: 'low' },
        timeToRestore: { incidents: 0, openIncidents: 0 },
      });
      expect(report.changeFailureRate.rate).toBeCloseTo(1 / 3);
      expect(report.deploymentFrequency.series).toEqual([
        {
          start: '2026-03-02T00:00:00.000Z',
          label: '2026-03-02',
          deployments: 0,
        },
        {
          start: '2026-03-09T00:00:00.000Z',
          label: '2026-03-09',
          deployments: 2,
        },
      ]);
    });

    it('narrows to a product or an owner’s products', async () => {
      const product = await request(app).get(
        `/metrics/dora?${RANGE}&product=search`,
      );
      expect(product.body.deploymentFrequency.deployments).toBe(1);
      const owner = await request(app).get(
        `/metrics/dora?${RANGE}&owner=${encodeURIComponent(
          'group:default/payments-team',
        )}`,
      );
      expect(owner.body.changeFailureRate).toMatchObject({
        deployments: 2,
        failures: 1,
      });
      const nobody = await request(app).get(
        `/metrics/dora?${RANGE}&owner=${encodeURIComponent(
          'group:default/nobody',
        )}`,
      );
      expect(nobody.body.deploymentFrequency.deployments).toBe(0);
    });

    it('buckets by day in the time zone asked for', async () => {
      const res = await request(app).get(
        `/metrics/dora?${new URLSearchParams({
          from: '2026-03-10T00:00:00Z',
          to: '2026-03-12T00:00:00Z',
          bucket: 'day',
          timeZone: 'Asia/Tokyo',
        })}`,
      );
      expect(res.status).toBe(200);
      expect(
        res.body.deploymentFrequency.series.map(
          (b: { label: string; deployments: number }) => [
            b.label,
            b.deployments,
          ],
        ),
      ).toEqual([
        ['2026-03-10', 1],
        ['2026-03-11', 1],
        ['2026-03-12', 0],
      ]);
    });

    it('lists the deployments behind a bucket for deployments=<label>', async () => {
      const res = await request(app).get(
        `/metrics/dora?${RANGE}&deployments=2026-03-09`,
      );
      expect(res.status).toBe(200);
      expect(res.body.deploymentsOf).toBe('2026-03-09');
      expect(
        res.body.deployments.map(
          (d: { product: string; releaseId: string; keys: string[] }) => [
            d.product,
            d.releaseId,
            d.keys,
          ],
        ),
      ).toEqual([
        [
          'payments',
          expect.stringMatching(/^r\d+$/),
          ['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate'],
        ],
        ['search', 'outside', ['deploymentFrequency', 'changeFailureRate']],
      ]);
      const plain = await request(app).get(`/metrics/dora?${RANGE}`);
      expect(plain.body).not.toHaveProperty('deployments');
    });

    it.each([['2026-03-10'], ['last-week']])(
      'refuses deployments=%s, which is no bucket of the series, with a 400 naming deployments',
      async label => {
        const res = await request(app).get(
          `/metrics/dora?${RANGE}&deployments=${label}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('deployments');
      },
    );

    it('exports the series as CSV for format=csv and for Accept: text/csv', async () => {
      const byFormat = await request(app).get(
        `/metrics/dora?${RANGE}&format=csv`,
      );
      expect(byFormat.status).toBe(200);
      expect(byFormat.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(byFormat.text.split('\r\n')).toEqual([
        'bucket_start,bucket,deployments,lead_time_commits,lead_time_median_seconds,lead_time_p90_seconds,change_failure_deployments,change_failures,change_failure_rate,restored_incidents,time_to_restore_median_seconds',
        '2026-03-02T00:00:00.000Z,2026-03-02,0,0,,,1,1,1,0,',
        '2026-03-09T00:00:00.000Z,2026-03-09,2,1,7200,7200,2,0,0,0,',
        '',
      ]);
      const byAccept = await request(app)
        .get(`/metrics/dora?${RANGE}`)
        .set('Accept', 'text/csv');
      expect(byAccept.text).toBe(byFormat.text);
    });

    it.each([
      ['from=2026-03-16&to=2026-03-02', 'from'],
      ['from=2024-01-01&to=2026-03-02', 'from'],
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      [`${RANGE}&bucket=year`, 'bucket'],
      [`${RANGE}&timeZone=Mars%2FOlympus`, 'timeZone'],
      [`${RANGE}&environment=staging`, 'environment'],
    ])('refuses %s with a 400 naming %s', async (query, parameter) => {
      const res = await request(app).get(`/metrics/dora?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(parameter);
    });

    it('is behind the read permission', async () => {
      const denied = await appWith(
        await migratedDatabase(id),
        AuthorizeResult.DENY,
      );
      const res = await request(denied).get(`/metrics/dora?${RANGE}`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('gitops.application.read');
    });
  },
);

describe.each(testDatabases.eachSupportedId())('GET /changes on %s', id => {
  let app: express.Express;
  const sha = 'abcdef1234567890abcdef1234567890abcdef12';

  beforeAll(async () => {
    const knex = await migratedDatabase(id);
    await new DatabaseReleaseStore(knex).create(
      releaseRecord('rel-pay-7', {
        product: 'payments',
        version: '1.7.0',
        status: 'succeeded',
        createdAt: '2026-03-01T08:00:00.000Z',
        notes: {
          commits: [
            {
              sha,
              message: 'PAY-123 refunds in 1 click',
              author: 'Dana',
              date: '2026-02-28T16:00:00.000Z',
              issueKeys: ['PAY-123'],
            },
          ],
          authors: ['Dana'],
          issueKeys: ['PAY-123'],
          images: [
            { name: 'ghcr.io/acme/pay-api', from: '1.6.0', to: '1.7.0' },
          ],
        },
      }),
    );
    // A release whose notes only look alike: PAY-1234 is another issue.
    await new DatabaseReleaseStore(knex).create(
      releaseRecord('rel-pay-8', {
        product: 'payments',
        notes: {
          commits: [],
          authors: [],
          issueKeys: ['PAY-1234'],
          images: [],
        },
      }),
    );
    const store = new KnexDeploymentStore(knex);
    const carried = { releaseId: 'rel-pay-7', version: '1.7.0' };
    for (const d of [
      deployed('payments', 'staging', '2026-03-01T09:00:00Z', carried),
      deployed('payments', 'production', '2026-03-02T09:00:00Z', carried),
      // Someone outside Slipway synced a revision carrying the commit into dev, then it degraded.
      deployed('payments', 'dev', '2026-03-01T07:00:00Z', {
        releaseId: 'outside',
        releaseKind: undefined,
        version: undefined,
        healthyAt: undefined,
        failedAt: '2026-03-01T07:05:00Z',
        outcome: 'degraded',
        sourceCommits: [{ sha, issueKeys: ['PAY-123'] }],
      }),
    ]) {
      await store.record(d);
    }
    app = await appWith(knex);
  });

  const find = (q: string) =>
    request(app).get(`/changes?${new URLSearchParams({ q })}`);

  it('answers where an issue runs: per environment, since when and by which release', async () => {
    const res = await find('PAY-123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      query: 'PAY-123',
      kind: 'issue',
      releases: [
        {
          id: 'rel-pay-7',
          product: 'payments',
          version: '1.7.0',
          status: 'succeeded',
          createdAt: '2026-03-01T08:00:00.000Z',
        },
      ],
      environments: [
        {
          product: 'payments',
          environment: 'dev',
          deployed: false,
          releaseId: 'outside',
          outcome: 'degraded',
        },
        {
          product: 'payments',
          environment: 'staging',
          deployed: true,
          since: '2026-03-01T09:00:00.000Z',
          releaseId: 'rel-pay-7',
          version: '1.7.0',
          outcome: 'healthy',
        },
        {
          product: 'payments',
          environment: 'production',
          deployed: true,
          since: '2026-03-02T09:00:00.000Z',
          releaseId: 'rel-pay-7',
          version: '1.7.0',
          outcome: 'healthy',
        },
      ],
    });
  });

  it('finds the same change by a short SHA, an author and an image tag', async () => {
    const deployedIn = (body: any) =>
      body.environments
        .filter((e: { deployed: boolean }) => e.deployed)
        .map((e: { environment: string }) => e.environment);
    const short = await find(sha.slice(0, 7).toUpperCase());
    expect(short.body.kind).toBe('commit');
    expect(deployedIn(short.body)).toEqual(['staging', 'production']);
    expect(short.body.environments[0]).toMatchObject({
      environment: 'dev',
      outcome: 'degraded',
    });
    const author = await find('dana');
    expect(author.body.kind).toBe('text');
    expect(author.body.releases.map((r: { id: string }) => r.id)).toEqual([
      'rel-pay-7',
    ]);
    expect(deployedIn(author.body)).toEqual(['staging', 'production']);
    const tag = await find('ghcr.io/acme/pay-api:1.7.0');
    expect(deployedIn(tag.body)).toEqual(['staging', 'production']);
  });

  it('answers nothing for a change that is nowhere, and lists no products', async () => {
    const res = await find('STORE-9');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ releases: [], environments: [] });
    // LIKE wildcards in the query are text, not patterns.
    expect((await find('%%')).body.environments).toEqual([]);
  });

  it('refuses a missing or one-character query with a 400 naming q', async () => {
    for (const query of ['', '?q=x']) {
      const res = await request(app).get(`/changes${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('q');
    }
  });
});
