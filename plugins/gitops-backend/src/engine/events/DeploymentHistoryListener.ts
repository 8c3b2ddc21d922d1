import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import type { DeploymentStore } from '../../database/deployments/DeploymentStore';
import { deploymentsOfReleaseEvent } from '../../domain/insights/releaseDeployments';

/**
 * Records the deployments Slipway's releases make in the deployment history: a verified step's
 * applications as healthy, a failed step's synced-but-unhealthy ones as degraded. Recording is
 * idempotent, so an event delivered again changes nothing.
 */
export class DeploymentHistoryListener implements ReleaseEventListener {
  readonly name = 'deployment-history';

  constructor(
    private readonly options: { store: DeploymentStore; logger: LoggerService },
  ) {}

  async onReleaseEvent(event: ReleaseEvent): Promise<void> {
    for (const deployment of deploymentsOfReleaseEvent(event)) {
      const added = await this.options.store.record(deployment);
      if (added) {
        this.options.logger.debug(
          `Deployment of ${deployment.product} ${deployment.version} to ${deployment.environment} (${deployment.application.name}): ${deployment.outcome}`,
        );
      }
    }
  }
}
