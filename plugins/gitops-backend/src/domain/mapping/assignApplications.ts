import {
  ApplicationRef,
  Environment,
  MappingProblem,
  Product,
  UnassignedApplication,
  UnassignedReason,
} from '@slipway/plugin-gitops-common';
import {
  compileEnvironmentMatcher,
  EnvironmentMatcherOptions,
} from './environmentMatcher';
import { MappableApplication } from './mappableApplication';
import { compileProductMatcher } from './productMatcher';

export interface AssignedApplication<T> {
  app: T;
  product: string;
  environment: string;
}

export interface UnassignedApplicationOf<T> extends UnassignedApplication {
  app: T;
}

export interface ApplicationMapping<T> {
  assigned: AssignedApplication<T>[];
  /** Every application without both a product and an environment; none is dropped. */
  unassigned: UnassignedApplicationOf<T>[];
  /** Applications that several products or environments claim, or that name an unknown product. */
  problems: MappingProblem[];
}

export interface MappingInput extends EnvironmentMatcherOptions {
  products: readonly Product[];
  environments: readonly Environment[];
}

function refOf(app: MappableApplication): ApplicationRef {
  return { runtime: app.runtime, namespace: app.namespace, name: app.name };
}

function quoteList(names: readonly string[]): string {
  return names.map(name => `"${name}"`).join(', ');
}

/** Places every application in a product and an environment, or says why it could not. */
export function assignApplications<T extends MappableApplication>(
  apps: readonly T[],
  input: MappingInput,
): ApplicationMapping<T> {
  const productOf = compileProductMatcher(input.products);
  const environmentsOf = compileEnvironmentMatcher(input.environments, input);
  const mapping: ApplicationMapping<T> = {
    assigned: [],
    unassigned: [],
    problems: [],
  };

  for (const app of apps) {
    const application = refOf(app);
    const reasons: UnassignedReason[] = [];
    const messages: string[] = [];
    const match = productOf(app);
    let product: string | undefined;
    switch (match.kind) {
      case 'product':
        product = match.product;
        break;
      case 'none':
        reasons.push('no-product');
        messages.push(
          'no product claims it (annotation slipway.dev/product or a product selector)',
        );
        break;
      case 'unknown': {
        const message = `its annotation slipway.dev/product names "${match.product}", which is not a product in the delivery repository`;
        reasons.push('unknown-product');
        messages.push(message);
        mapping.problems.push({
          application,
          kind: 'unknown-product',
          candidates: [match.product],
          message,
        });
        break;
      }
      default: {
        const message = `the selectors of several products match its labels: ${quoteList(
          match.products,
        )}`;
        reasons.push('ambiguous-product');
        messages.push(message);
        mapping.problems.push({
          application,
          kind: 'ambiguous-product',
          candidates: match.products,
          message,
        });
      }
    }

    const environments = environmentsOf(app);
    const environment = environments.length === 1 ? environments[0] : undefined;
    if (environments.length === 0) {
      reasons.push('no-environment');
      messages.push(
        `no environment targets runtime "${app.runtime}", cluster "${
          app.destination.name ?? app.destination.server ?? '?'
        }", namespace "${app.destination.namespace ?? ''}"`,
      );
    } else if (environments.length > 1) {
      const message = `its destination matches the targets of several environments: ${quoteList(
        environments,
      )}`;
      reasons.push('ambiguous-environment');
      messages.push(message);
      mapping.problems.push({
        application,
        kind: 'ambiguous-environment',
        candidates: environments,
        message,
      });
    }

    if (product && environment) {
      mapping.assigned.push({ app, product, environment });
    } else {
      mapping.unassigned.push({
        app,
        application,
        ...(product ? { product } : {}),
        ...(environment ? { environment } : {}),
        reasons,
        message: messages.join('; '),
      });
    }
  }
  return mapping;
}
