import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { GitopsDeliveryService } from '@slipway/plugin-gitops-node';
import {
  environmentEntities,
  EnvironmentEntityOptions,
} from './environmentEntities';

export interface DeliveryEnvironmentProviderOptions
  extends Pick<EnvironmentEntityOptions, 'owner'> {
  /** The delivery repository as the gitops plugin reads it. */
  delivery: GitopsDeliveryService;
  logger: LoggerService;
}

/**
 * Publishes the delivery repository's environments to the catalog. Each refresh checks the branch head
 * and, when it moved, replaces every entity of this provider at once (a full mutation), so removed
 * environments disappear too.
 */
export class DeliveryEnvironmentProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private publishedCommit?: string;

  constructor(private readonly options: DeliveryEnvironmentProviderOptions) {}

  getProviderName(): string {
    return 'gitops-delivery-environments';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Publishes the environments when the delivery head moved since the last refresh. */
  async refresh(): Promise<void> {
    if (!this.connection) return;
    const repository = await this.options.delivery.repository();
    if (!repository) return;
    const config = await this.options.delivery.config();
    if (config.commit === this.publishedCommit) return;
    const entities = environmentEntities(config, {
      repository,
      owner: this.options.owner,
    });
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `${this.getProviderName()}:${repository.url}`,
      })),
    });
    this.publishedCommit = config.commit;
    this.options.logger.info(
      `Published ${
        entities.length
      } environment(s) at delivery commit ${config.commit.slice(0, 12)}`,
    );
  }
}
