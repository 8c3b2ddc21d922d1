import type { ReleaseSummary } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { Age } from '../common/Age';
import { CardLink } from './CardLink';
import { CardStates } from './CardStates';
import { ReleaseList } from './ReleaseList';
import { useHomeReleases } from './useHomeReleases';

const WEEK_MS = 7 * 86_400_000;

/** When a release ended (or last changed, for one that has no end time). */
const endOf = (release: ReleaseSummary) =>
  release.finishedAt ?? release.updatedAt;

/** Releases that failed or were terminated in the last seven days, with why. */
export function FailedReleasesContent() {
  // One week back from when the card opened; a card left open for days keeps its window.
  const since = useMemo(() => new Date(Date.now() - WEEK_MS).toISOString(), []);
  const state = useHomeReleases(
    [
      { status: 'failed', limit: 50 },
      { status: 'terminated', limit: 50 },
    ],
    release => endOf(release) >= since,
  );
  return (
    <CardStates
      state={state}
      what="failed releases"
      empty="No release failed or was terminated in the last 7 days."
    >
      {releases => (
        <ReleaseList
          releases={releases}
          detail={release => (
            <>
              {release.status === 'terminated' ? 'Terminated' : 'Failed'}{' '}
              <Age at={endOf(release)} />
              {release.error ? ` · ${release.error}` : ''}
            </>
          )}
        />
      )}
    </CardStates>
  );
}

export function FailedReleasesActions() {
  return <CardLink to="releases?status=failed">All failed releases</CardLink>;
}
