import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseDuration } from '@slipway/plugin-gitops-common';

/** `gitops.promotions` in app-config. */
export interface EngineConfig {
  verifyTimeoutMs: number;
  pollIntervalMs: number;
  schedulerFrequencySeconds: number;
  claimTtlMs: number;
  pullRequestPollMs: number;
  concurrency: number;
}

/** A duration as text (`30s`, `10m`) or a number of milliseconds. */
function duration(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptional(key);
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0) return value;
  try {
    return parseDuration(String(value));
  } catch (error) {
    throw new InputError(
      `gitops.promotions.${key}: ${(error as Error).message}`,
    );
  }
}

export function readEngineConfig(root: Config): EngineConfig {
  const config = root.getOptionalConfig('gitops.promotions');
  return {
    verifyTimeoutMs: duration(config, 'verifyTimeout', 10 * 60_000),
    pollIntervalMs: duration(config, 'pollInterval', 1_000),
    schedulerFrequencySeconds:
      duration(config, 'schedulerFrequency', 5_000) / 1000,
    claimTtlMs: duration(config, 'claimTimeout', 60_000),
    pullRequestPollMs: duration(config, 'pullRequestPollInterval', 15_000),
    concurrency: config?.getOptionalNumber('concurrency') ?? 8,
  };
}
