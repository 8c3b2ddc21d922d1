import { ApplicationSummary } from '@slipway/plugin-gitops-common';
import { compileFilter, countApplications } from './applications';

function app(overrides: Partial<ApplicationSummary>): ApplicationSummary {
  return {
    runtime: 'prod',
    namespace: 'argocd',
    name: 'web',
    project: 'default',
    labels: {},
    annotations: {},
    destination: {},
    sources: [],
    health: { status: 'Healthy' },
    sync: { status: 'Synced' },
    autoSync: true,
    images: [],
    links: { external: [] },
    ...overrides,
  };
}

describe('compileFilter', () => {
  const apps = [
    app({
      name: 'payments-api-dev',
      product: 'payments',
      environment: 'dev',
      revisionMessage: 'PAY-7 Bump chart',
    }),
    app({
      name: 'orders-web',
      runtime: 'nonprod',
      health: { status: 'Degraded' },
      sync: { status: 'OutOfSync' },
    }),
  ];
  const names = (filter: Parameters<typeof compileFilter>[0]) =>
    apps.filter(compileFilter(filter)).map(a => a.name);

  it('matches every field that is set and ignores the rest', () => {
    expect(names({})).toEqual(['payments-api-dev', 'orders-web']);
    expect(names({ product: 'payments', environment: 'dev' })).toEqual([
      'payments-api-dev',
    ]);
    expect(names({ product: 'payments', environment: 'prod' })).toEqual([]);
    expect(
      names({ runtime: 'nonprod', health: 'Degraded', sync: 'OutOfSync' }),
    ).toEqual(['orders-web']);
  });

  it('searches name and revision message without regard to case', () => {
    expect(names({ q: 'ORDERS' })).toEqual(['orders-web']);
    expect(names({ q: 'pay-7' })).toEqual(['payments-api-dev']);
    expect(names({ q: '  ' })).toEqual(['payments-api-dev', 'orders-web']);
  });
});

it('counts applications by health and sync', () => {
  const counts = countApplications([
    app({}),
    app({ health: { status: 'Degraded' }, sync: { status: 'OutOfSync' } }),
  ]);
  expect(counts.total).toBe(2);
  expect(counts.health).toMatchObject({ Healthy: 1, Degraded: 1, Missing: 0 });
  expect(counts.sync).toEqual({ Synced: 1, OutOfSync: 1, Unknown: 0 });
});
