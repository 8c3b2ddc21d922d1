import { InputError } from '@backstage/errors';
import type { DeliveryConfig, DoraReport } from '@slipway/plugin-gitops-common';
import type { DeploymentStore } from '../database/deployments/DeploymentStore';
import type { Bucket } from '../domain/insights/buckets';
import { computeDora, DoraHistory } from '../domain/insights/dora';

/** A checked `GET /metrics/dora` request. */
export interface DoraQuery {
  product?: string;
  /** Catalog ref of the owner; its products as the delivery config says. */
  owner?: string;
  /** One production-tier environment instead of all. */
  environment?: string;
  from: Date;
  to: Date;
  bucket: Bucket;
  timeZone: string;
  /** A bucket's label: list the deployments behind it. */
  deploymentsOf?: string;
}

// Incidents and commits that began before `from` are read this far back, so they are seen whole.
const LOOKBACK_MS = 30 * 86_400_000;

/** DORA metrics of the deployment history, for the products and production environments asked for. */
export class DoraService {
  constructor(
    private readonly options: {
      store: DeploymentStore;
      /** The delivery config: which environments are production-tier, who owns which product. */
      config: () => Promise<DeliveryConfig>;
      changeFailureWindowMs: number;
    },
  ) {}

  async report(query: DoraQuery): Promise<DoraReport> {
    const config = await this.options.config();
    const production = config.environments
      .filter(e => e.tier === 'production')
      .map(e => e.name);
    if (query.environment && !production.includes(query.environment)) {
      throw new InputError(
        `Invalid 'environment': '${
          query.environment
        }' is not a production-tier environment (${
          production.join(', ') || 'there are none'
        })`,
      );
    }
    const owned = query.owner
      ? config.products.filter(p => p.owner === query.owner).map(p => p.name)
      : undefined;
    // A product's history is read even when the config no longer names it.
    let products = owned;
    if (query.product) {
      products = !owned || owned.includes(query.product) ? [query.product] : [];
    }
    const environments = query.environment ? [query.environment] : production;
    const filter = {
      products,
      environments,
      from: new Date(query.from.getTime() - LOOKBACK_MS),
      to: query.to,
    };
    const none = products?.length === 0 || environments.length === 0;
    // The rows behind a bucket need every deployment; the figures alone, the database's grouping.
    let history: DoraHistory = { units: [] };
    if (!none) {
      history = query.deploymentsOf
        ? { deployments: await this.options.store.list(filter) }
        : { units: await this.options.store.units(filter) };
    }
    const report = computeDora({
      ...history,
      from: query.from,
      to: query.to,
      bucket: query.bucket,
      timeZone: query.timeZone,
      changeFailureWindowMs: this.options.changeFailureWindowMs,
      ...(query.deploymentsOf ? { deploymentsOf: query.deploymentsOf } : {}),
    });
    if (query.deploymentsOf && report.deploymentsOf === undefined) {
      throw new InputError(
        `Invalid 'deployments': '${query.deploymentsOf}' is not the label of a ${query.bucket} of this series`,
      );
    }
    return report;
  }
}
