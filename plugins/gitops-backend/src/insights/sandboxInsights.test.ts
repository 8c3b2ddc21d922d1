import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  DoraReport,
  ProductListResponse,
} from '@slipway/plugin-gitops-common';
import { parse } from 'yaml';
import {
  REPO_ROOT,
  SandboxWorld,
  startSandboxWorld,
} from '../__testUtils__/sandboxWorld';
import { waitFor } from '../__testUtils__/waitFor';

jest.setTimeout(120_000);

const HISTORY = join(REPO_ROOT, 'examples/app-manifests/history.yaml');
/** The day the sandbox is made; its history ends the day before. */
const NOW = new Date('2026-12-07T12:00:00Z');
const DAY = 86_400_000;

/**
 * The sandbox's generated past, read back the way a fresh `npm start` reads it: the simulated Argo CD
 * remembers every production deployment, the history backfill records them, and `/metrics/dora`
 * gives the figures history.yaml promises.
 */
describe('insights of the sandbox', () => {
  let world: SandboxWorld;

  beforeAll(async () => {
    world = await startSandboxWorld({ now: NOW });
    await waitFor(async () => {
      const res = await world.gitops.api().get('/api/gitops/products');
      const body = res.body as ProductListResponse;
      return (
        res.status === 200 &&
        body.items.length === 3 &&
        body.items.every(p => p.environments.every(e => e.version))
      );
    }, 45_000);
    await world.gitops.runTask('gitops-deployment-history-backfill');
  });

  afterAll(() => world?.stop());

  const dora = async (query: Record<string, string> = {}) => {
    const res = await world.gitops
      .api()
      .get('/api/gitops/metrics/dora')
      .query({
        from: new Date(NOW.getTime() - 90 * DAY).toISOString(),
        to: NOW.toISOString(),
        ...query,
      });
    expect(res.status).toBe(200);
    return res.body as DoraReport;
  };

  it('gives the figures history.yaml promises for the last 90 days', async () => {
    const report = await dora();
    const figures = {
      deployments: report.deploymentFrequency.deployments,
      leadTimeCommits: report.leadTimeForChanges.commits,
      leadTimeMedianSeconds: report.leadTimeForChanges.medianSeconds,
      leadTimeP90Seconds: report.leadTimeForChanges.p90Seconds,
      changeFailures: report.changeFailureRate.failures,
      changeFailureDeployments: report.changeFailureRate.deployments,
      timeToRestoreIncidents: report.timeToRestore.incidents,
      timeToRestoreMedianSeconds: report.timeToRestore.medianSeconds,
    };
    const promised = parse(await readFile(HISTORY, 'utf8')).insights;
    expect(figures).toEqual(promised);
  });

  it('lists behind a week with a failure the deployment that was rolled back and its rollback', async () => {
    const { changeFailureRate } = await dora();
    const week = changeFailureRate.series.find(b => b.failures > 0)!;
    const { deployments } = await dora({ deployments: week.label });
    const rolledBack = deployments!.find(d => d.outcome === 'rolled-back')!;
    expect(rolledBack).toMatchObject({
      environment: 'production',
      releaseId: 'outside',
      failedChange: true,
    });
    // The change shipped to dev and the promotions since the version before it.
    expect(rolledBack.sourceCommits).toBeGreaterThanOrEqual(3);
    expect(deployments).toContainEqual(
      expect.objectContaining({
        application: rolledBack.application,
        releaseKind: 'rollback',
      }),
    );
  });
});
