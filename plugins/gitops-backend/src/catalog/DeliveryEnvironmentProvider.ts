import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { DeliveryConfigSource } from '../delivery/DeliveryConfigSource';
import {
  environmentEntities,
  EnvironmentEntityOptions,
} from './environmentEntities';

export interface DeliveryEnvironmentProviderOptions
  extends EnvironmentEntityOptions {
  source: Pick<DeliveryConfigSource, 'load'>;
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
    const config = await this.options.source.load();
    if (config.commit === this.publishedCommit) return;
    const entities = environmentEntities(config, this.options);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `${this.getProviderName()}:${this.options.repository.url}`,
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
