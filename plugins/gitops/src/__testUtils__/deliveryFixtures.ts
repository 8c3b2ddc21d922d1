import type { Entity } from '@backstage/catalog-model';
import type {
  ApplicationCounts,
  DeliveryConfigStatus,
  EnvironmentDiffResponse,
  EnvironmentSummary,
  HealthStatus,
  Product,
  ProductApplicationState,
  ProductDetail,
  ProductEnvironmentSummary,
  ProductSummary,
  SyncStatus,
  UnassignedApplicationSummary,
} from '@slipway/plugin-gitops-common';

/**
 * Delivery answers shaped like the sandbox: dev and staging on `nonprod`, production on `prod`; the
 * payments product with three components, staging ahead of production and one application drifting.
 */

export function counts(
  health: Partial<Record<HealthStatus, number>>,
  sync: Partial<Record<SyncStatus, number>> = {},
): ApplicationCounts {
  const h = {
    Healthy: 0,
    Progressing: 0,
    Degraded: 0,
    Suspended: 0,
    Missing: 0,
    Unknown: 0,
    ...health,
  };
  return {
    total: Object.values(h).reduce((a, b) => a + b, 0),
    health: h,
    sync: { Synced: 0, OutOfSync: 0, Unknown: 0, ...sync },
  };
}

function environment(
  name: string,
  title: string,
  order: number,
  tier: EnvironmentSummary['tier'],
  applications: ApplicationCounts,
  products: number,
): EnvironmentSummary {
  return {
    name,
    title,
    order,
    tier,
    targets: [
      {
        runtime: tier === 'production' ? 'prod' : 'nonprod',
        cluster: 'in-cluster',
        namespaces: [],
      },
    ],
    freezeWindows: [],
    applications,
    products,
  };
}

export const deliveryEnvironments: EnvironmentSummary[] = [
  environment(
    'dev',
    'Development',
    1,
    'non-production',
    counts({ Healthy: 7 }, { Synced: 7 }),
    3,
  ),
  environment(
    'staging',
    'Staging',
    2,
    'non-production',
    counts({ Healthy: 6, Degraded: 1 }, { Synced: 6, OutOfSync: 1 }),
    3,
  ),
  environment(
    'production',
    'Production',
    3,
    'production',
    counts({ Healthy: 5 }, { Synced: 5 }),
    2,
  ),
];

function product(
  name: string,
  title: string,
  owner: string,
  entities: string[],
): Product {
  return {
    name,
    title,
    owner,
    entities,
    applications: {},
    versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
    promotion: {
      files: [
        { file: 'values.yaml', paths: ['$.image.tag'] },
        { file: 'Chart.yaml', paths: ['$.appVersion'] },
      ],
    },
    flows: ['standard'],
    concurrency: 'queue',
  };
}

export const paymentsProduct: Product = {
  ...product('payments', 'Payments', 'group:default/payments-team', [
    'system:default/payments',
  ]),
  description: 'Card captures, refunds, payouts and the ledger behind them.',
};
export const storefrontProduct = product(
  'storefront',
  'Storefront',
  'group:default/storefront-team',
  ['system:default/storefront'],
);
export const searchProduct = product(
  'search',
  'Search',
  'group:default/search-team',
  [],
);

function cell(
  environmentName: string,
  partial: Partial<ProductEnvironmentSummary>,
): ProductEnvironmentSummary {
  return {
    environment: environmentName,
    applications: 2,
    versions: partial.version ? [partial.version] : [],
    health: 'Healthy',
    sync: 'Synced',
    drift: false,
    ...partial,
  };
}

export const paymentsSummary: ProductSummary = {
  product: paymentsProduct,
  environments: [
    cell('dev', { applications: 3, version: '1.5.0' }),
    cell('staging', {
      applications: 3,
      versions: ['1.4.3', '1.4.2'],
      health: 'Degraded',
      sync: 'OutOfSync',
      drift: true,
    }),
    cell('production', { applications: 3, version: '1.4.2' }),
  ],
};

export const storefrontSummary: ProductSummary = {
  product: storefrontProduct,
  environments: [
    cell('dev', { version: '2.8.0' }),
    cell('staging', { version: '2.7.1' }),
    cell('production', { version: '2.7.0' }),
  ],
};

export const searchSummary: ProductSummary = {
  product: searchProduct,
  environments: [
    cell('dev', { version: '0.9.2', health: 'Progressing' }),
    cell('staging', { version: '0.9.1' }),
    cell('production', { applications: 0, health: 'Missing', sync: 'Unknown' }),
  ],
};

export const unassignedApplication: UnassignedApplicationSummary = {
  application: {
    runtime: 'nonprod',
    namespace: 'argocd',
    name: 'legacy-reports',
  },
  environment: 'staging',
  reasons: ['no-product'],
  message: 'no product claims it (annotate it slipway.dev/product)',
  health: 'Healthy',
  sync: 'Synced',
};

const SHA_STAGING = '8e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291';
const SHA_PROD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function appState(
  runtime: string,
  name: string,
  component: string,
  version: string,
  partial: Partial<ProductApplicationState> = {},
): ProductApplicationState {
  return {
    runtime,
    namespace: 'argocd',
    name,
    component,
    health: 'Healthy',
    sync: 'Synced',
    revision: runtime === 'prod' ? SHA_PROD : SHA_STAGING,
    version: {
      value: version,
      source: 'file',
      detail: 'Chart.yaml $.appVersion',
    },
    drift: false,
    ...partial,
  };
}

export const paymentsDetail: ProductDetail = {
  product: paymentsProduct,
  environments: [
    {
      environment: 'dev',
      applications: [
        appState('nonprod', 'payments-api-dev', 'payments-api', '1.5.0'),
        appState('nonprod', 'payments-worker-dev', 'payments-worker', '1.5.0'),
      ],
      version: '1.5.0',
      versions: ['1.5.0'],
      health: 'Healthy',
      sync: 'Synced',
      drift: false,
    },
    {
      environment: 'staging',
      applications: [
        appState('nonprod', 'payments-api-staging', 'payments-api', '1.4.3', {
          health: 'Degraded',
          sync: 'OutOfSync',
          drift: true,
        }),
        appState(
          'nonprod',
          'payments-worker-staging',
          'payments-worker',
          '1.4.2',
        ),
      ],
      versions: ['1.4.3', '1.4.2'],
      health: 'Degraded',
      sync: 'OutOfSync',
      drift: true,
    },
    {
      environment: 'production',
      applications: [
        appState('prod', 'payments-api-production', 'payments-api', '1.4.2'),
        appState(
          'prod',
          'payments-worker-production',
          'payments-worker',
          '1.4.2',
        ),
      ],
      version: '1.4.2',
      versions: ['1.4.2'],
      health: 'Healthy',
      sync: 'Synced',
      drift: false,
    },
  ],
  unassigned: [],
  errors: [],
};

export const paymentsStagingToProduction: EnvironmentDiffResponse = {
  product: 'payments',
  from: 'staging',
  to: 'production',
  components: [
    {
      component: 'payments-api',
      from: {
        runtime: 'nonprod',
        namespace: 'argocd',
        name: 'payments-api-staging',
      },
      to: {
        runtime: 'prod',
        namespace: 'argocd',
        name: 'payments-api-production',
      },
      values: [
        {
          file: 'values.yaml',
          path: '$.image.tag',
          from: '1.4.3',
          to: '1.4.2',
          differs: true,
        },
        {
          file: 'Chart.yaml',
          path: '$.appVersion',
          from: '1.4.3',
          to: '1.4.2',
          differs: true,
        },
      ],
      differs: true,
    },
    {
      component: 'payments-worker',
      from: {
        runtime: 'nonprod',
        namespace: 'argocd',
        name: 'payments-worker-staging',
      },
      to: {
        runtime: 'prod',
        namespace: 'argocd',
        name: 'payments-worker-production',
      },
      values: [
        {
          file: 'values.yaml',
          path: '$.image.tag',
          from: '1.4.2',
          to: '1.4.2',
          differs: false,
        },
        {
          file: 'Chart.yaml',
          path: '$.appVersion',
          from: '1.4.2',
          to: '1.4.2',
          differs: false,
        },
      ],
      differs: false,
    },
  ],
  differences: 2,
  errors: [],
};

export const healthyConfig: DeliveryConfigStatus = {
  repository: 'https://github.com/slipway-sandbox/delivery.git',
  branch: 'main',
  commit: '5d4c3b2a1908f7e6d5c4b3a2918e1d0c9b8a7f6e',
  loadedAt: '2026-11-22T01:30:00Z',
  problems: [],
};

export const brokenConfig: DeliveryConfigStatus = {
  ...healthyConfig,
  problems: [
    {
      file: 'products/checkout.yaml',
      path: 'spec.versionSource.path',
      message: 'must start with $ (e.g. $.appVersion)',
      severity: 'error',
    },
  ],
};

/** `count` generated products across the given environments, for scale tests and the board benchmark. */
export function manyProducts(
  count: number,
  environments: EnvironmentSummary[],
): ProductSummary[] {
  const healths: HealthStatus[] = [
    'Healthy',
    'Healthy',
    'Healthy',
    'Progressing',
    'Degraded',
  ];
  return Array.from({ length: count }, (_, i) => {
    const name = `product-${String(i).padStart(4, '0')}`;
    return {
      product: product(name, `Product ${i}`, `group:default/team-${i % 20}`, [
        `component:default/${name}`,
      ]),
      environments: environments.map((e, j) => {
        const version = `${1 + (i % 3)}.${j}.${i % 10}`;
        const mixed = (i + j) % 11 === 0;
        const health = healths[(i + j) % healths.length];
        return cell(e.name, {
          applications: 3,
          version: mixed ? undefined : version,
          versions: mixed ? [version, `${1 + (i % 3)}.${j}.0`] : [version],
          health,
          sync: (i + j) % 7 === 0 ? 'OutOfSync' : 'Synced',
          drift: (i + j) % 7 === 0,
        });
      }),
    };
  });
}

/** `count` environments named env-0.., the last one production. */
export function manyEnvironments(count: number): EnvironmentSummary[] {
  return Array.from({ length: count }, (_, i) =>
    environment(
      `env-${i}`,
      i === count - 1 ? 'Production' : `Stage ${i}`,
      i,
      i === count - 1 ? 'production' : 'non-production',
      counts(
        { Healthy: 900, Progressing: 300, Degraded: 300 },
        { Synced: 1300, OutOfSync: 200 },
      ),
      500,
    ),
  );
}

/** The catalog System that stands for the payments product. */
export const paymentsSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'slipway.dev/product': 'payments' },
  },
};
