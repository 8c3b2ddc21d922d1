import type { HealthStatus, SyncStatus } from '@slipway/plugin-gitops-common';

/** Argo CD's own status colours, so people who know its UI read ours at a glance. */
export const HEALTH_COLORS: Record<HealthStatus, string> = {
  Healthy: '#18be94',
  Progressing: '#0dadea',
  Degraded: '#e96d76',
  Suspended: '#766f94',
  Missing: '#f4c030',
  Unknown: '#b0bec5',
};

export const SYNC_COLORS: Record<SyncStatus, string> = {
  Synced: '#18be94',
  OutOfSync: '#f4c030',
  Unknown: '#b0bec5',
};
