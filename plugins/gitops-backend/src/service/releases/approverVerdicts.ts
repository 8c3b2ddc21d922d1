import { NotAllowedError } from '@backstage/errors';
import type { Release, ReleaseGate } from '@slipway/plugin-gitops-common';
import { approvalDecision } from '../../domain/releases/gates';

/** Who is asking, as the approval rules need them; `undefined` for a caller that is not a signed-in user. */
export interface Viewer {
  ref: string;
  ownershipRefs: string[];
}

/**
 * The release with every waiting manual approval saying whether the caller may approve it and, if
 * not, why (they started it, they are not an approver, or they lack the permission), so the page
 * never offers a button that can only fail.
 */
export async function withApproverVerdicts(
  release: Release,
  viewer: Viewer | undefined,
  mayManage: (environment: string) => Promise<void>,
): Promise<Release> {
  const verdict = async (
    environment: string,
    gate: ReleaseGate,
  ): Promise<Pick<ReleaseGate, 'canApprove' | 'cannotApproveReason'>> => {
    if (!viewer) {
      return {
        canApprove: false,
        cannotApproveReason: 'Only a signed-in user can approve a release',
      };
    }
    const decision = approvalDecision({
      approvers: gate.approvers ?? [],
      initiator: release.initiator,
      approver: viewer.ref,
      approverOwnershipRefs: viewer.ownershipRefs,
    });
    if (!decision.allowed) {
      return { canApprove: false, cannotApproveReason: decision.reason };
    }
    try {
      await mayManage(environment);
    } catch (e) {
      if (!(e instanceof NotAllowedError)) throw e;
      return {
        canApprove: false,
        cannotApproveReason: `You are not allowed to manage releases of ${release.product} in ${environment}`,
      };
    }
    return { canApprove: true };
  };
  return {
    ...release,
    steps: await Promise.all(
      release.steps.map(async step => ({
        ...step,
        gates: await Promise.all(
          step.gates.map(async gate =>
            gate.type === 'manual-approval' && gate.status === 'waiting'
              ? { ...gate, ...(await verdict(step.environment, gate)) }
              : gate,
          ),
        ),
      })),
    ),
  };
}
