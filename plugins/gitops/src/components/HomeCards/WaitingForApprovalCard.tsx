import type { ReleaseSummary } from '@slipway/plugin-gitops-common';
import { useDeliveryTitles } from '../../hooks/useDeliveryBoard';
import { actorName } from '../common/ActorLink';
import { Age } from '../common/Age';
import { CardLink } from './CardLink';
import { CardStates } from './CardStates';
import { ReleaseList } from './ReleaseList';
import { useHomeReleases } from './useHomeReleases';

const HELD = new Set(['pre-gates', 'post-gates']);

/** The environments of a release that its gates hold now. */
const heldIn = (release: ReleaseSummary) =>
  release.environments.filter(e => HELD.has(e.status)).map(e => e.environment);

/**
 * Releases waiting for an approval the signed-in user may give now (an approver, or in an approver
 * group, and not who started it), as `GET /releases?approvableBy=me` answers.
 */
export function WaitingForApprovalContent() {
  const titles = useDeliveryTitles();
  const state = useHomeReleases([{ approvableBy: 'me', limit: 20 }]);
  return (
    <CardStates
      state={state}
      what="releases waiting for approval"
      empty="Nothing waits for your approval. Releases held by an approval gate you may give appear here."
    >
      {releases => (
        <ReleaseList
          releases={releases}
          detail={release => {
            const where = heldIn(release).map(titles.environment).join(', ');
            return (
              <>
                {where ? `${where} waits for you` : 'Waits for you'}
                {' · started by '}
                {actorName(release.initiator)} <Age at={release.createdAt} />
              </>
            );
          }}
        />
      )}
    </CardStates>
  );
}

export function WaitingForApprovalActions() {
  return <CardLink to="releases?status=waiting">All waiting releases</CardLink>;
}
