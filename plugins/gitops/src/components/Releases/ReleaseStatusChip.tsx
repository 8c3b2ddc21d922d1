import type {
  ReleaseStatus,
  ReleaseStepStatus,
} from '@slipway/plugin-gitops-common';
import { StatusChip } from '../common/StatusChip';
import { RELEASE_COLORS, STEP_COLORS, statusLabel } from './releaseStatus';

export function ReleaseStatusChip(props: {
  status: ReleaseStatus;
  tooltip?: string;
}) {
  return (
    <StatusChip
      label={statusLabel(props.status)}
      color={RELEASE_COLORS[props.status] ?? RELEASE_COLORS.queued}
      tooltip={props.tooltip}
    />
  );
}

export function StepStatusChip(props: {
  status: ReleaseStepStatus;
  tooltip?: string;
}) {
  return (
    <StatusChip
      label={statusLabel(props.status)}
      color={STEP_COLORS[props.status] ?? STEP_COLORS.pending}
      tooltip={props.tooltip}
    />
  );
}
