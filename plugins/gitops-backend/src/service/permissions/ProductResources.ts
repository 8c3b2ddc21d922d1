import {
  DeliveryConfig,
  GitopsProductResource,
} from '@slipway/plugin-gitops-common';
import { normalizeOwnerRef } from './entityRefs';
import { parseProductResourceRef } from './productResourceRef';

/** Where products and environments come from: the delivery config at the repository's head. */
export interface DeliveryConfigReader {
  load(): Promise<DeliveryConfig>;
}

/**
 * Resolves `gitops-product` resource refs (`product` or `product:environment`) through the delivery
 * config. An unknown product or environment resolves to nothing, which the permission framework
 * answers with DENY.
 */
export class ProductResources {
  constructor(private readonly config: DeliveryConfigReader | undefined) {}

  async getResources(
    refs: string[],
  ): Promise<Array<GitopsProductResource | undefined>> {
    if (!this.config || refs.length === 0) return refs.map(() => undefined);
    const config = await this.config.load();
    const products = new Map(config.products.map(p => [p.name, p]));
    const environments = new Map(config.environments.map(e => [e.name, e]));
    return refs.map(ref => {
      const parsed = parseProductResourceRef(ref);
      const product = parsed && products.get(parsed.product);
      if (!parsed || !product) return undefined;
      const resource: GitopsProductResource = {
        product: product.name,
        owner: normalizeOwnerRef(product.owner),
        entities: [...product.entities],
      };
      if (parsed.environment === undefined) return resource;
      const environment = environments.get(parsed.environment);
      if (!environment) return undefined;
      return {
        ...resource,
        environment: environment.name,
        tier: environment.tier,
      };
    });
  }
}
