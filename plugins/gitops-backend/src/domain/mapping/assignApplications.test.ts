import { Environment, Product } from '@slipway/plugin-gitops-common';
import { assignApplications } from './assignApplications';
import { componentOf, MappableApplication } from './mappableApplication';

const IN_CLUSTER_URL = 'https://kubernetes.default.svc';

function environment(
  name: string,
  targets: Environment['targets'],
): Environment {
  return {
    name,
    title: name,
    tier: 'non-production',
    order: 1,
    targets,
    freezeWindows: [],
  };
}

function product(
  name: string,
  selector?: Product['applications']['selector'],
): Product {
  return {
    name,
    title: name,
    owner: 'group:default/team',
    entities: [],
    applications: selector ? { selector } : {},
    promotion: { files: [] },
    flows: [],
    concurrency: 'queue',
  };
}

function app(
  name: string,
  destination: MappableApplication['destination'],
  extra: {
    runtime?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): MappableApplication {
  return {
    runtime: extra.runtime ?? 'nonprod',
    namespace: 'argocd',
    name,
    labels: extra.labels ?? {},
    annotations: extra.annotations ?? {},
    destination,
  };
}

const environments = [
  environment('dev', [
    {
      runtime: 'nonprod',
      cluster: 'in-cluster',
      namespaces: ['payments-dev', 'storefront-dev'],
    },
  ]),
  environment('staging', [
    {
      runtime: 'nonprod',
      cluster: `${IN_CLUSTER_URL}/`,
      namespaces: ['payments-staging'],
    },
  ]),
  environment('production', [
    { runtime: 'prod', cluster: 'in-cluster', namespaces: [] },
  ]),
];
const products = [
  product('payments'),
  product('storefront', {
    matchLabels: { 'app.kubernetes.io/part-of': 'storefront' },
    matchExpressions: [],
  }),
];
const paymentsAnnotation = { 'slipway.dev/product': 'payments' };

describe('assignApplications', () => {
  it('places apps by annotation or selector and by cluster name or server URL', () => {
    const apps = [
      app(
        'payments-api-dev',
        { server: IN_CLUSTER_URL, namespace: 'payments-dev' },
        { annotations: paymentsAnnotation },
      ),
      app(
        'payments-api-staging',
        { name: 'in-cluster', namespace: 'payments-staging' },
        { annotations: paymentsAnnotation },
      ),
      app(
        'storefront-web-dev',
        { server: IN_CLUSTER_URL, namespace: 'storefront-dev' },
        { labels: { 'app.kubernetes.io/part-of': 'storefront' } },
      ),
      app(
        'payments-api-prod',
        { server: IN_CLUSTER_URL, namespace: 'anything' },
        { runtime: 'prod', annotations: paymentsAnnotation },
      ),
    ];
    const mapping = assignApplications(apps, { products, environments });
    expect(
      mapping.assigned.map(a => [a.app.name, a.product, a.environment]),
    ).toEqual([
      ['payments-api-dev', 'payments', 'dev'],
      ['payments-api-staging', 'payments', 'staging'],
      ['storefront-web-dev', 'storefront', 'dev'],
      ['payments-api-prod', 'payments', 'production'],
    ]);
    expect(mapping.unassigned).toEqual([]);
    expect(mapping.problems).toEqual([]);
  });

  it('resolves renamed clusters through the runtime cluster list', () => {
    const apps = [
      app(
        'api',
        { server: 'https://10.0.0.1:6443', namespace: 'payments-dev' },
        { annotations: paymentsAnnotation },
      ),
    ];
    const named = [
      environment('dev', [
        { runtime: 'nonprod', cluster: 'east', namespaces: [] },
      ]),
    ];
    expect(
      assignApplications(apps, { products, environments: named }).assigned,
    ).toHaveLength(0);
    const clusters = new Map([
      ['nonprod', [{ name: 'east', server: 'https://10.0.0.1:6443' }]],
    ]);
    expect(
      assignApplications(apps, { products, environments: named, clusters })
        .assigned,
    ).toHaveLength(1);
  });

  it('keeps apps outside every target or product as unassigned, with the reasons', () => {
    const apps = [
      app(
        'payments-api-qa',
        { server: IN_CLUSTER_URL, namespace: 'payments-qa' },
        { annotations: paymentsAnnotation },
      ),
      app('grafana', { server: IN_CLUSTER_URL, namespace: 'payments-dev' }),
      app(
        'other-runtime',
        { server: IN_CLUSTER_URL, namespace: 'payments-dev' },
        { runtime: 'lab' },
      ),
      app(
        'no-namespace',
        { server: IN_CLUSTER_URL },
        { annotations: paymentsAnnotation },
      ),
    ];
    const { assigned, unassigned, problems } = assignApplications(apps, {
      products,
      environments,
    });
    expect(assigned).toEqual([]);
    expect(
      unassigned.map(u => [
        u.application.name,
        u.product,
        u.environment,
        u.reasons,
      ]),
    ).toEqual([
      ['payments-api-qa', 'payments', undefined, ['no-environment']],
      ['grafana', undefined, 'dev', ['no-product']],
      ['other-runtime', undefined, undefined, ['no-product', 'no-environment']],
      ['no-namespace', 'payments', undefined, ['no-environment']],
    ]);
    expect(unassigned[0].message).toBe(
      `no environment targets runtime "nonprod", cluster "${IN_CLUSTER_URL}", namespace "payments-qa"`,
    );
    expect(problems).toEqual([]);
  });

  it('reports apps matching several environments instead of picking one', () => {
    const overlapping = [
      ...environments,
      environment('sandbox', [
        { runtime: 'nonprod', cluster: 'in-cluster', namespaces: [] },
      ]),
    ];
    const apps = [
      app(
        'payments-api-dev',
        { server: IN_CLUSTER_URL, namespace: 'payments-dev' },
        { annotations: paymentsAnnotation },
      ),
    ];
    const mapping = assignApplications(apps, {
      products,
      environments: overlapping,
    });
    expect(mapping.assigned).toEqual([]);
    expect(mapping.unassigned[0]).toMatchObject({
      product: 'payments',
      reasons: ['ambiguous-environment'],
    });
    expect(mapping.problems).toEqual([
      {
        application: {
          runtime: 'nonprod',
          namespace: 'argocd',
          name: 'payments-api-dev',
        },
        kind: 'ambiguous-environment',
        candidates: ['dev', 'sandbox'],
        message:
          'its destination matches the targets of several environments: "dev", "sandbox"',
      },
    ]);
  });

  it('reports apps claimed by several selectors or annotated with an unknown product', () => {
    const greedy = [
      ...products,
      product('web', {
        matchLabels: {},
        matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }],
      }),
    ];
    const apps = [
      app(
        'storefront-web-dev',
        { server: IN_CLUSTER_URL, namespace: 'storefront-dev' },
        {
          labels: { 'app.kubernetes.io/part-of': 'storefront', tier: 'web' },
        },
      ),
      app(
        'billing-dev',
        { server: IN_CLUSTER_URL, namespace: 'payments-dev' },
        { annotations: { 'slipway.dev/product': 'billing' } },
      ),
      // The annotation decides even when another product's selector matches.
      app(
        'cart-dev',
        { server: IN_CLUSTER_URL, namespace: 'storefront-dev' },
        {
          labels: { 'app.kubernetes.io/part-of': 'storefront' },
          annotations: paymentsAnnotation,
        },
      ),
    ];
    const mapping = assignApplications(apps, {
      products: greedy,
      environments,
    });
    expect(
      mapping.problems.map(p => [p.application.name, p.kind, p.candidates]),
    ).toEqual([
      ['storefront-web-dev', 'ambiguous-product', ['storefront', 'web']],
      ['billing-dev', 'unknown-product', ['billing']],
    ]);
    expect(mapping.unassigned.map(u => u.environment)).toEqual(['dev', 'dev']);
    expect(mapping.assigned.map(a => [a.app.name, a.product])).toEqual([
      ['cart-dev', 'payments'],
    ]);
  });
});

describe('componentOf', () => {
  it('uses the name label, else the name without the environment', () => {
    expect(
      componentOf(
        { name: 'x', labels: { 'app.kubernetes.io/name': 'payments-api' } },
        'dev',
      ),
    ).toBe('payments-api');
    expect(
      componentOf({ name: 'payments-api-staging', labels: {} }, 'staging'),
    ).toBe('payments-api');
    expect(componentOf({ name: 'prod-ledger', labels: {} }, 'prod')).toBe(
      'ledger',
    );
    expect(componentOf({ name: 'ledger', labels: {} }, 'dev')).toBe('ledger');
  });
});
