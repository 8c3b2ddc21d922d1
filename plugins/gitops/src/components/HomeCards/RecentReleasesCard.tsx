import { actorName } from '../common/ActorLink';
import { Age } from '../common/Age';
import { CardLink } from './CardLink';
import { CardStates } from './CardStates';
import { ReleaseList } from './ReleaseList';
import { useHomeReleases } from './useHomeReleases';

/** How many releases the card lists. */
export const RECENT_RELEASES = 8;

/** The latest releases of every product: name, version and targets, status, who and when. */
export function RecentReleasesContent() {
  const state = useHomeReleases([{ limit: RECENT_RELEASES }]);
  return (
    <CardStates
      state={state}
      what="releases"
      empty="No releases yet. Promote a version on Slipway → Environments and it shows here."
    >
      {releases => (
        <ReleaseList
          releases={releases}
          detail={release => (
            <>
              <Age at={release.createdAt} />
              {' · '}
              {actorName(release.initiator)}
            </>
          )}
        />
      )}
    </CardStates>
  );
}

export function RecentReleasesActions() {
  return <CardLink to="releases">All releases</CardLink>;
}
