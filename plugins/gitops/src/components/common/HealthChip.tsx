import type { HealthStatus } from '@slipway/plugin-gitops-common';
import { StatusChip } from './StatusChip';
import { HEALTH_COLORS } from './statusColors';

/** Argo CD health of an application or resource. */
export function HealthChip(props: { status: HealthStatus; message?: string }) {
  return (
    <StatusChip
      label={props.status}
      color={HEALTH_COLORS[props.status] ?? HEALTH_COLORS.Unknown}
      tooltip={props.message}
    />
  );
}
