import type { HistoryEntry } from '@slipway/plugin-gitops-common';
import { deploymentsFromArgoHistory } from './argoHistoryDeployments';

const application = { runtime: 'prod', namespace: 'argocd', name: 'pay-api' };
const entry = (
  id: number,
  revision: string,
  deployedAt?: string,
): HistoryEntry => ({
  id,
  revision,
  ...(deployedAt ? { deployedAt } : {}),
  sources: [],
});
const history = [
  entry(2, 'c'.repeat(40), '2026-03-03T10:00:00Z'),
  entry(1, 'b'.repeat(40), '2026-03-02T10:00:00Z'),
  entry(0, 'a'.repeat(40)),
];

describe('deployments from Argo CD history', () => {
  const read = (health: string) =>
    deploymentsFromArgoHistory({
      product: 'payments',
      environment: 'production',
      application,
      history,
      health,
      version: '1.5.0',
      commitTimes: new Map([['b'.repeat(40), '2026-03-02T08:00:00Z']]),
    });

  it('counts replaced entries healthy when synced and the newest as healthy as the app is now', () => {
    expect(read('Healthy')).toEqual([
      {
        product: 'payments',
        environment: 'production',
        application,
        version: '1.5.0',
        revision: 'c'.repeat(40),
        sourceCommits: [{ sha: 'c'.repeat(40) }],
        syncedAt: '2026-03-03T10:00:00Z',
        healthyAt: '2026-03-03T10:00:00Z',
        releaseId: 'outside',
        outcome: 'healthy',
      },
      {
        product: 'payments',
        environment: 'production',
        application,
        revision: 'b'.repeat(40),
        sourceCommits: [{ sha: 'b'.repeat(40), time: '2026-03-02T08:00:00Z' }],
        syncedAt: '2026-03-02T10:00:00Z',
        healthyAt: '2026-03-02T10:00:00Z',
        releaseId: 'outside',
        outcome: 'healthy',
      },
    ]);
  });

  it('records a newest entry of a degraded app as degraded, and of a progressing one as syncing', () => {
    const [degraded] = read('Degraded');
    expect(degraded).toMatchObject({
      outcome: 'degraded',
      failedAt: '2026-03-03T10:00:00Z',
    });
    expect(degraded.healthyAt).toBeUndefined();
    const [progressing, older] = read('Progressing');
    expect(progressing.outcome).toBe('syncing');
    expect(progressing.healthyAt).toBeUndefined();
    expect(older.outcome).toBe('healthy');
  });
});
