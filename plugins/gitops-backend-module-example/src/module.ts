import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  gitopsGateTypesExtensionPoint,
  gitopsReleaseEventsExtensionPoint,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import { changeTicketGate, ChangeTicketSystem } from './changeTickets';

/**
 * Builds a module that adds the `change-ticket` gate type, asking `tickets`, and release listeners:
 * by default one that writes every release event to the log.
 */
export function createGitopsExampleModule(options: {
  tickets: ChangeTicketSystem;
  listeners?: ReleaseEventListener[];
  moduleId?: string;
}) {
  return createBackendModule({
    pluginId: 'gitops',
    moduleId: options.moduleId ?? 'example',
    register(env) {
      env.registerInit({
        deps: {
          logger: coreServices.logger,
          events: gitopsReleaseEventsExtensionPoint,
          gates: gitopsGateTypesExtensionPoint,
        },
        async init({ logger, events, gates }) {
          gates.addGateType(changeTicketGate(options.tickets));
          events.addListener(
            ...(options.listeners ?? [
              {
                name: 'release-log',
                onReleaseEvent: event =>
                  logger.info(
                    `${event.type}: release ${event.release.id} of ${event.release.product} ${event.release.version}`,
                  ),
              },
            ]),
          );
        },
      });
    },
  });
}
