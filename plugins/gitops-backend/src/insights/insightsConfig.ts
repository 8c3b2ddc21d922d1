import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseDuration } from '@slipway/plugin-gitops-common';

/** `gitops.insights` in app-config. */
export interface InsightsConfig {
  /** How long after a production deployment a rollback still counts as its failure. */
  changeFailureWindowMs: number;
}

const DEFAULT_CHANGE_FAILURE_WINDOW_MS = 24 * 3_600_000;

export function readInsightsConfig(root: Config): InsightsConfig {
  const value = root.getOptional('gitops.insights.changeFailureWindow');
  if (value === undefined) {
    return { changeFailureWindowMs: DEFAULT_CHANGE_FAILURE_WINDOW_MS };
  }
  if (typeof value === 'number' && value > 0) {
    return { changeFailureWindowMs: value };
  }
  try {
    return { changeFailureWindowMs: parseDuration(String(value)) };
  } catch (error) {
    throw new InputError(
      `gitops.insights.changeFailureWindow: ${(error as Error).message}`,
    );
  }
}
