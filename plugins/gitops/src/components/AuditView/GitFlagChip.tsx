import type { AuditEvent } from '@slipway/plugin-gitops-common';
import { StatusChip } from '../common/StatusChip';

const FLAG_TEXT: Record<string, (release: string) => string> = {
  'forged-trailer': release =>
    `Claims release ${release} in a Slipway-Release trailer, but that release never recorded this commit: made outside Slipway`,
  'unknown-release': release =>
    `Claims release ${release} in a Slipway-Release trailer, but there is no such release: made outside Slipway`,
};

/** The warning on an imported Git commit whose `Slipway-Release` trailer its release does not back. */
export function GitFlagChip({ event }: { event: AuditEvent }) {
  const flag = event.details?.flag;
  if (typeof flag !== 'string' || !FLAG_TEXT[flag]) return null;
  const release = String(event.details.release ?? '?');
  return (
    <StatusChip
      label={flag}
      color="#e96d76"
      tooltip={FLAG_TEXT[flag](release)}
    />
  );
}
