import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadSeed, SeedError, startFromSeed, validateSeed } from './seed';
import {
  chartFiles,
  createGitFixture,
  GitFixture,
} from './__testUtils__/gitFixture';

// Lifecycle steps run on timers; on a loaded CI machine they need more than jest's default 5 s.
jest.setTimeout(20_000);

describe('seed files', () => {
  let dir: string;
  let git: GitFixture;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slipway-seed-'));
    git = await createGitFixture();
    await git.commit(
      chartFiles('payments-api', 'dev', '1.4.2'),
      'Add payments-api',
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await git.cleanup();
  });

  it('loads a seed, expanding ${VARS} from the environment, and starts every runtime', async () => {
    const file = join(dir, 'runtimes.yaml');
    await writeFile(
      file,
      `runtimes:
  - name: nonprod
    tokens: [sandbox-nonprod-token]
    users: [{ username: admin, password: slipway }]
    kubernetesToken: sandbox-k8s-token
    clusters: [{ name: in-cluster, server: https://kubernetes.default.svc }]
    applications:
      - metadata:
          name: payments-api-dev
          namespace: argocd
          labels: { app.kubernetes.io/part-of: payments }
          annotations: { slipway.dev/product: payments }
        spec:
          project: default
          source: { repoURL: '\${SIM_TEST_REPOS}', path: apps/payments-api/dev, targetRevision: main }
          destination: { server: https://kubernetes.default.svc, namespace: payments-dev }
          syncPolicy: { automated: { prune: true, selfHeal: true } }
  - name: prod
    tokens: [sandbox-prod-token]
    syntheticApplications: 5
`,
    );
    process.env.SIM_TEST_REPOS = git.repoURL;
    const seed = await loadSeed(file);
    delete process.env.SIM_TEST_REPOS;
    expect(seed.runtimes.map(r => r.name)).toEqual(['nonprod', 'prod']);
    const runtimes = await startFromSeed(seed);
    try {
      const [nonprod, prod] = runtimes;
      const app = await request(nonprod.url)
        .get('/api/v1/applications/payments-api-dev')
        .set('Authorization', 'Bearer sandbox-nonprod-token')
        .expect(200);
      expect(app.body.status.summary.images).toEqual([
        'ghcr.io/slipway-sandbox/payments-api:1.4.2',
      ]);
      await request(prod.url)
        .get('/api/v1/applications')
        .set('Authorization', 'Bearer sandbox-nonprod-token')
        .expect(401);
      const list = await request(prod.url)
        .get('/api/v1/applications')
        .set('Authorization', 'Bearer sandbox-prod-token');
      expect(list.body.items).toHaveLength(5);
      await request(nonprod.kubernetesUrl)
        .get('/apis/apps/v1/namespaces/argocd/deployments')
        .set('Authorization', 'Bearer sandbox-k8s-token')
        .expect(200);
    } finally {
      await Promise.all(runtimes.map(r => r.close()));
    }
  });

  it('lists every problem of an invalid seed', () => {
    let error: SeedError | undefined;
    try {
      validateSeed({
        runtimes: [
          {
            name: 'a',
            port: 99999,
            applications: [
              { metadata: { name: 'Bad_Name' }, spec: { destination: {} } },
            ],
          },
          { name: 'a', timings: { pollIntervalMs: -1, warpSpeed: 1 } },
        ],
      });
    } catch (e) {
      error = e as SeedError;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect(error!.problems).toEqual([
      'runtimes[0].port: must be a port number (0-65535)',
      'runtimes[0].applications[0].metadata.name: required, a lowercase RFC 1123 subdomain',
      'runtimes[0].applications[0].spec.source.repoURL: required (the simulator supports single-source apps)',
      'runtimes[0].applications[0].spec.destination: requires server or name',
      'runtimes[1].name: duplicate runtime name a',
      'runtimes[1].timings.pollIntervalMs: must be a non-negative integer',
      'runtimes[1].timings.warpSpeed: unknown timing',
    ]);
    expect(() => validateSeed({})).toThrow(
      'runtimes: required, a non-empty list',
    );
  });

  it('names an unset variable', async () => {
    const file = join(dir, 'unset.yaml');
    await writeFile(
      file,
      "runtimes:\n  - name: x\n    tokens: ['${SIM_TEST_UNSET}']\n",
    );
    await expect(loadSeed(file)).rejects.toThrow(
      'environment variable SIM_TEST_UNSET is not set',
    );
  });

  it('refuses to start when a port is taken, and closes the runtimes it already started', async () => {
    const [first] = await startFromSeed({ runtimes: [{ name: 'first' }] });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startFromSeed({ runtimes: [{ name: 'ok' }, { name: 'clash', port }] }),
      ).rejects.toThrow(/runtime clash: cannot listen/);
    } finally {
      await first.close();
    }
  });
});
