import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { DeliveryConfig, Environment } from '@slipway/plugin-gitops-common';

const ENVIRONMENT_ANNOTATION = 'slipway.dev/environment';
const TIER_LABEL = 'slipway.dev/tier';

export interface EnvironmentEntityOptions {
  /** Delivery repository URL and branch, for the entities' source links. */
  repository: { url: string; branch: string };
  /** Owner of every environment entity, e.g. `group:default/platform-team`. */
  owner: string;
}

/** Where a file of the delivery repository is, as a catalog location (`url:` or `file:`). */
function locationOf(
  repository: EnvironmentEntityOptions['repository'],
  file: string,
) {
  if (repository.url.startsWith('file://')) {
    return `file:${new URL(repository.url).pathname}/${file}`;
  }
  const base = repository.url.replace(/\.git$/, '');
  return `url:${base}/blob/${repository.branch}/${file}`;
}

/**
 * The environments each product goes through: those its flows name (trigger and steps), or every
 * environment when it follows no flow.
 */
function environmentsOfProducts(
  config: DeliveryConfig,
): Map<string, Set<string>> {
  const flows = new Map(config.flows.map(flow => [flow.name, flow]));
  const everyEnvironment = config.environments.map(e => e.name);
  const byEnvironment = new Map<string, Set<string>>(
    everyEnvironment.map(name => [name, new Set()]),
  );
  for (const product of config.products) {
    const named = product.flows.flatMap(name => {
      const flow = flows.get(name);
      return flow
        ? [
            flow.trigger.environment,
            ...flow.steps.map(step => step.environment),
          ]
        : [];
    });
    for (const environment of named.length > 0 ? named : everyEnvironment) {
      byEnvironment.get(environment)?.add(product.name);
    }
  }
  return byEnvironment;
}

/**
 * Environments of the delivery config as catalog `Resource` entities of type `environment`, each a
 * dependency of the catalog entities of the products that go through it.
 */
export function environmentEntities(
  config: DeliveryConfig,
  options: EnvironmentEntityOptions,
): Entity[] {
  const productsOf = environmentsOfProducts(config);
  const entitiesOf = new Map(config.products.map(p => [p.name, p.entities]));
  return config.environments.map((environment: Environment): Entity => {
    const location = locationOf(
      options.repository,
      `environments/${environment.name}.yaml`,
    );
    const dependents = [...(productsOf.get(environment.name) ?? [])].flatMap(
      product => entitiesOf.get(product) ?? [],
    );
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: environment.name,
        namespace: 'default',
        title: environment.title,
        ...(environment.description
          ? { description: environment.description }
          : {}),
        labels: { [TIER_LABEL]: environment.tier },
        annotations: {
          [ENVIRONMENT_ANNOTATION]: environment.name,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
        tags: [environment.tier],
      },
      spec: {
        type: 'environment',
        owner: options.owner,
        dependencyOf: [...new Set(dependents)].sort(),
      },
    };
  });
}
