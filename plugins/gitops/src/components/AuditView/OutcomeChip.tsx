import type { AuditOutcome } from '@slipway/plugin-gitops-common';
import { StatusChip } from '../common/StatusChip';

/** Allowed and done, refused by a permission, allowed but failed. */
export const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  succeeded: '#18be94',
  denied: '#f4a030',
  failed: '#e96d76',
};

export function OutcomeChip({ outcome }: { outcome: AuditOutcome }) {
  return (
    <StatusChip label={outcome} color={OUTCOME_COLORS[outcome] ?? '#b0bec5'} />
  );
}
