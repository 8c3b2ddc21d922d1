import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { DeliveryConfig } from '@slipway/plugin-gitops-common';
import type { GitRepoLocation } from '../git/types';

/**
 * The delivery repository as the gitops plugin reads it, for modules of other plugins (the catalog
 * module publishing environments). Reads go through the plugin's own Git providers (the built-in
 * ones and every provider added through `gitopsGitProvidersExtensionPoint`) and share its cache, so
 * other plugins never build providers of their own.
 *
 * Requires the gitops backend plugin in the same backend: calls wait until it has started.
 */
export interface GitopsDeliveryService {
  /** `gitops.deliveryRepo`; `undefined` when none is configured. */
  repository(): Promise<GitRepoLocation | undefined>;
  /**
   * The validated delivery config at the branch head, re-read when the head moves; the last good
   * config while the repository cannot be read. Throws `NotFoundError` without a delivery repository.
   */
  config(): Promise<DeliveryConfig>;
}

/** The shared instance: the gitops plugin provides the implementation when it starts. */
export interface GitopsDeliveryServiceHolder extends GitopsDeliveryService {
  /** Called once, by the gitops plugin. */
  provide(implementation: GitopsDeliveryService): void;
}

class DeliveryServiceHolder implements GitopsDeliveryServiceHolder {
  private resolve!: (implementation: GitopsDeliveryService) => void;
  private readonly implementation = new Promise<GitopsDeliveryService>(
    resolve => {
      this.resolve = resolve;
    },
  );

  provide(implementation: GitopsDeliveryService): void {
    this.resolve(implementation);
  }

  async repository() {
    return (await this.implementation).repository();
  }

  async config() {
    return (await this.implementation).config();
  }
}

/** Root-scoped, so the gitops plugin and other plugins' modules share one instance. */
export const gitopsDeliveryServiceRef =
  createServiceRef<GitopsDeliveryServiceHolder>({
    id: 'gitops.delivery',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new DeliveryServiceHolder(),
      }),
  });
