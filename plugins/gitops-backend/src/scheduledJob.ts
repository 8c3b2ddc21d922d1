import type { SchedulerService } from '@backstage/backend-plugin-api';

/** A long-lived part that owns its schedule: the plugin hands it the scheduler once at start. */
export interface ScheduledJob {
  schedule(scheduler: SchedulerService): Promise<void>;
}
