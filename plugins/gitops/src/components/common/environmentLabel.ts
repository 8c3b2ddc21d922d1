import type { Environment } from '@slipway/plugin-gitops-common';

/** Whether a production environment's title needs a `production` mark because it does not say so. */
export function needsProductionMark(environment?: Environment): boolean {
  return environment?.tier === 'production' && !/prod/i.test(environment.title);
}
