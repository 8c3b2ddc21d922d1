import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';

/** The plugin's scheduled tasks (refreshes, backfill, imports, engine) never run: only the routes are measured. */
export const idleScheduler = createServiceFactory({
  service: coreServices.scheduler,
  deps: {},
  factory: (): SchedulerService => ({
    scheduleTask: async () => undefined,
    triggerTask: async () => undefined,
    cancelTask: async () => undefined,
    getScheduledTasks: async () => [],
    createScheduledTaskRunner: () => ({ run: async () => undefined }),
  }),
});
