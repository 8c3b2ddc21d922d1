import type { Deployment } from './deployments';
import { classifyChangeQuery, locateChange } from './changeQuery';

function at(
  environment: string,
  syncedAt: string,
  outcome: Deployment['outcome'],
  releaseId: string,
): Deployment {
  return {
    product: 'payments',
    environment,
    application: { runtime: 'prod', namespace: 'pay', name: 'pay-api' },
    revision: 'a'.repeat(40),
    sourceCommits: [],
    syncedAt,
    ...(outcome === 'healthy' || outcome === 'rolled-back'
      ? { healthyAt: syncedAt }
      : {}),
    releaseId,
    outcome,
  };
}

describe('where is my change', () => {
  it.each([
    ['PAY-123', 'issue', 'pay-123'],
    ['abc1234', 'commit', 'abc1234'],
    [
      'ABCDEF1234567890ABCDEF1234567890ABCDEF12',
      'commit',
      'abcdef1234567890abcdef1234567890abcdef12',
    ],
    ['abc123', 'text', 'abc123'],
    ['Dana Scully', 'text', 'dana scully'],
    ['ghcr.io/acme/pay-api:1.7.0', 'text', '1.7.0'],
  ])('takes %s for %s, found by %s', (q, kind, needle) => {
    expect(classifyChangeQuery(q)).toMatchObject({ kind, needle });
  });

  it('is deployed since the first of its unbroken healthy deployments, and not once rolled back', () => {
    expect(
      locateChange(
        [
          at('staging', '2026-03-01T09:00:00.000Z', 'degraded', 'r1'),
          at('staging', '2026-03-02T09:00:00.000Z', 'healthy', 'r2'),
          at('staging', '2026-03-03T09:00:00.000Z', 'healthy', 'outside'),
          at('production', '2026-03-04T09:00:00.000Z', 'rolled-back', 'r3'),
        ],
        { products: [], environments: ['dev', 'staging', 'production'] },
      ),
    ).toEqual([
      { product: 'payments', environment: 'dev', deployed: false },
      {
        product: 'payments',
        environment: 'staging',
        deployed: true,
        since: '2026-03-02T09:00:00.000Z',
        releaseId: 'r2',
        outcome: 'healthy',
      },
      {
        product: 'payments',
        environment: 'production',
        deployed: false,
        releaseId: 'r3',
        outcome: 'rolled-back',
      },
    ]);
  });
});
