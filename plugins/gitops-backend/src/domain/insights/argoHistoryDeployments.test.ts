import type { HistoryEntry } from '@slipway/plugin-gitops-common';
import { deploymentsFromArgoHistory } from './argoHistoryDeployments';

const application = { runtime: 'prod', namespace: 'argocd', name: 'pay-api' };
const sha = (c: string) => c.repeat(40);
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
/** Newest first, as Argo CD answers; the oldest entry has no time and is left out. */
const history = [
  entry(2, sha('c'), '2026-03-03T10:00:00Z'),
  entry(1, sha('b'), '2026-03-02T10:00:00Z'),
  entry(0, sha('a')),
];
const brought = [
  { sha: sha('b'), time: '2026-03-02T09:57:00Z', issueKeys: [] },
  { sha: sha('9'), time: '2026-02-27T14:00:00Z', issueKeys: ['PAY-7'] },
];

describe('deployments from Argo CD history', () => {
  const read = (
    health: string,
    versions: Record<string, string> = { [sha('c')]: '1.5.0' },
    entries = history,
  ) =>
    deploymentsFromArgoHistory({
      product: 'payments',
      environment: 'production',
      application,
      history: entries,
      health,
      versions: new Map(Object.entries(versions)),
      changes: new Map([[sha('b'), brought]]),
    });

  it('lists entries oldest first, replaced ones healthy when synced, the newest as healthy as the app is now', () => {
    expect(read('Healthy')).toEqual([
      {
        product: 'payments',
        environment: 'production',
        application,
        revision: sha('b'),
        sourceCommits: brought,
        syncedAt: '2026-03-02T10:00:00Z',
        healthyAt: '2026-03-02T10:00:00Z',
        releaseId: 'outside',
        outcome: 'healthy',
      },
      {
        product: 'payments',
        environment: 'production',
        application,
        version: '1.5.0',
        revision: sha('c'),
        // Git could not tell what it brought: its own manifest commit.
        sourceCommits: [{ sha: sha('c') }],
        syncedAt: '2026-03-03T10:00:00Z',
        healthyAt: '2026-03-03T10:00:00Z',
        releaseId: 'outside',
        outcome: 'healthy',
      },
    ]);
  });

  it('records a newest entry of a degraded app as degraded, and of a progressing one as syncing', () => {
    const degraded = read('Degraded')[1];
    expect(degraded).toMatchObject({
      outcome: 'degraded',
      failedAt: '2026-03-03T10:00:00Z',
    });
    expect(degraded.healthyAt).toBeUndefined();
    const [older, progressing] = read('Progressing');
    expect(progressing.outcome).toBe('syncing');
    expect(progressing.healthyAt).toBeUndefined();
    expect(older.outcome).toBe('healthy');
  });

  it('takes a step down in version for a rollback, and the version it replaced as failed from when it went live', () => {
    const [good, bad, rollback] = read(
      'Healthy',
      { [sha('a')]: '1.4.2', [sha('b')]: '1.5.0', [sha('c')]: '1.4.2' },
      [
        entry(2, sha('c'), '2026-03-02T12:30:00Z'),
        entry(1, sha('b'), '2026-03-02T10:00:00Z'),
        entry(0, sha('a'), '2026-02-20T10:00:00Z'),
      ],
    );
    expect(good).toMatchObject({ version: '1.4.2', outcome: 'healthy' });
    expect(good.releaseKind).toBeUndefined();
    expect(bad).toMatchObject({
      version: '1.5.0',
      outcome: 'rolled-back',
      failedAt: '2026-03-02T10:00:00Z',
    });
    expect(rollback).toMatchObject({
      version: '1.4.2',
      releaseKind: 'rollback',
      outcome: 'healthy',
    });
  });

  it('tells no rollback where versions do not order (a SHA, a date tag) or are unknown', () => {
    const deployments = read(
      'Healthy',
      { [sha('b')]: 'build-2031', [sha('c')]: 'build-1999' },
      history,
    );
    expect(deployments.map(d => [d.outcome, d.releaseKind])).toEqual([
      ['healthy', undefined],
      ['healthy', undefined],
    ]);
  });
});
