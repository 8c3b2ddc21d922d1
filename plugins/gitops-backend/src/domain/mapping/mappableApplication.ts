import { ApplicationSummary } from '@slipway/plugin-gitops-common';

/** What mapping needs of a normalised application. */
export type MappableApplication = Pick<
  ApplicationSummary,
  'runtime' | 'namespace' | 'name' | 'labels' | 'annotations' | 'destination'
>;

/** A cluster as an Argo CD runtime knows it (`RuntimeHealth.clusters`). */
export interface ClusterIdentity {
  name: string;
  server: string;
}

/** Argo CD's built-in cluster, assumed when a runtime's cluster list is not known. */
export const IN_CLUSTER: ClusterIdentity = {
  name: 'in-cluster',
  server: 'https://kubernetes.default.svc',
};

const NAME_LABEL = 'app.kubernetes.io/name';

/**
 * What pairs an application with its counterparts in other environments: its
 * `app.kubernetes.io/name` label, else its name without the environment (`payments-api-dev` and
 * `dev-payments-api` → `payments-api`).
 */
export function componentOf(
  app: Pick<MappableApplication, 'name' | 'labels'>,
  environment?: string,
): string {
  const label = app.labels[NAME_LABEL];
  if (label) return label;
  if (environment && app.name !== environment) {
    if (app.name.endsWith(`-${environment}`)) {
      return app.name.slice(0, -environment.length - 1);
    }
    if (app.name.startsWith(`${environment}-`)) {
      return app.name.slice(environment.length + 1);
    }
  }
  return app.name;
}
