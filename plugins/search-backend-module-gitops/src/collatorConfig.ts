import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export const CONFIG_KEY = 'search.collators.gitops';

/** Releases change more often than catalog entities, and reading them is cheap. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 10 },
};
const DEFAULT_LOCATION_TEMPLATE = '/gitops/releases/:id';
const DEFAULT_BATCH_SIZE = 50;
/** The most `GET /releases` answers per page. */
const MAX_BATCH_SIZE = 200;

export interface ReleaseCollatorOptions {
  locationTemplate: string;
  batchSize: number;
}

export function readScheduleConfig(
  root: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = root.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  if (!schedule) return DEFAULT_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new InputError(
      `Invalid schedule at ${CONFIG_KEY}.schedule, ${error}`,
    );
  }
}

export function readCollatorOptions(root: Config): ReleaseCollatorOptions {
  const config = root.getOptionalConfig(CONFIG_KEY);
  const locationTemplate =
    config?.getOptionalString('locationTemplate') ?? DEFAULT_LOCATION_TEMPLATE;
  if (!locationTemplate.includes(':id')) {
    throw new InputError(
      `${CONFIG_KEY}.locationTemplate must contain :id, got '${locationTemplate}'`,
    );
  }
  const batchSize =
    config?.getOptionalNumber('batchSize') ?? DEFAULT_BATCH_SIZE;
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    batchSize > MAX_BATCH_SIZE
  ) {
    throw new InputError(
      `${CONFIG_KEY}.batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}`,
    );
  }
  return { locationTemplate, batchSize };
}
