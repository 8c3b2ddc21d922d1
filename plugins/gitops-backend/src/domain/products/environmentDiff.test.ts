import { Product } from '@slipway/plugin-gitops-common';
import { diffEnvironments, PromotableFiles } from './environmentDiff';

const product: Product = {
  name: 'payments',
  title: 'Payments',
  owner: 'group:default/payments-team',
  entities: [],
  applications: {},
  promotion: {
    files: [
      { file: 'values.yaml', paths: ['$.image.tag'] },
      { file: 'Chart.yaml', paths: ['$.appVersion'] },
    ],
  },
  flows: [],
  concurrency: 'queue',
};

function files(
  name: string,
  component: string,
  tag: string | undefined,
  appVersion: string,
): PromotableFiles {
  return {
    application: { runtime: 'nonprod', namespace: 'argocd', name },
    component,
    files: {
      ...(tag
        ? { 'values.yaml': `replicaCount: 2\nimage:\n  tag: "${tag}"\n` }
        : {}),
      'Chart.yaml': `apiVersion: v2\nappVersion: ${appVersion}\n`,
    },
  };
}

describe('diffEnvironments', () => {
  it('puts promotable values side by side and marks what differs', () => {
    const diff = diffEnvironments(
      product,
      {
        environment: 'dev',
        applications: [
          files('api-dev', 'api', '1.5.0', '1.5.0'),
          files('ledger-dev', 'ledger', '2.0.0', '2.0.0'),
        ],
      },
      {
        environment: 'staging',
        applications: [
          files('api-staging', 'api', '1.4.2', '1.5.0'),
          files('ledger-staging', 'ledger', undefined, '2.0.0'),
        ],
      },
    );
    expect(diff.differences).toBe(2);
    expect(diff.components[0]).toEqual({
      component: 'api',
      from: { runtime: 'nonprod', namespace: 'argocd', name: 'api-dev' },
      to: { runtime: 'nonprod', namespace: 'argocd', name: 'api-staging' },
      differs: true,
      values: [
        {
          file: 'values.yaml',
          path: '$.image.tag',
          from: '1.5.0',
          to: '1.4.2',
          differs: true,
        },
        {
          file: 'Chart.yaml',
          path: '$.appVersion',
          from: '1.5.0',
          to: '1.5.0',
          differs: false,
        },
      ],
    });
    expect(diff.components[1].values[0]).toEqual({
      file: 'values.yaml',
      path: '$.image.tag',
      from: '2.0.0',
      toProblem: 'values.yaml does not exist in ledger-staging',
      differs: true,
    });
  });

  it('lists a component that exists in only one environment', () => {
    const diff = diffEnvironments(
      product,
      {
        environment: 'dev',
        applications: [files('new-dev', 'new', '0.1.0', '0.1.0')],
      },
      { environment: 'staging', applications: [] },
    );
    expect(diff.components[0]).toMatchObject({
      component: 'new',
      differs: true,
    });
    expect(diff.components[0].values[1].toProblem).toBe(
      'no application of this component in staging',
    );
  });
});
