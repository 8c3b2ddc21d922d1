import type { SyncStatus } from '@slipway/plugin-gitops-common';
import { StatusChip } from './StatusChip';
import { SYNC_COLORS } from './statusColors';

const LABELS: Record<SyncStatus, string> = {
  Synced: 'Synced',
  OutOfSync: 'Out of sync',
  Unknown: 'Unknown',
};

/** Argo CD sync state; `syncing` marks an operation still running. */
export function SyncChip(props: {
  status: SyncStatus;
  syncing?: boolean;
  tooltip?: string;
}) {
  const label = LABELS[props.status] ?? props.status;
  return (
    <StatusChip
      label={props.syncing ? `${label} · syncing` : label}
      color={SYNC_COLORS[props.status] ?? SYNC_COLORS.Unknown}
      tooltip={props.tooltip}
    />
  );
}
