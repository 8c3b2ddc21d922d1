import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ReleaseFilter,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';

/** Home cards glance rather than watch: they poll gently and reload at once on a release signal. */
export const HOME_POLL_MS = 30_000;

/**
 * The releases of every filter together (e.g. failed and terminated), newest first, each release once,
 * kept to those `keep` accepts.
 */
export function useHomeReleases(
  filters: ReleaseFilter[],
  keep: (release: ReleaseSummary) => boolean = () => true,
) {
  const api = useApi(gitopsApiRef);
  const key = JSON.stringify(filters);
  const state = useAutoRefresh(
    async () => {
      const pages = await Promise.all(filters.map(f => api.getReleases(f)));
      const byId = new Map(
        pages.flatMap(p => p.items).map(release => [release.id, release]),
      );
      return [...byId.values()]
        .filter(keep)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    // The filters are compared by value; callers build them inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
    HOME_POLL_MS,
  );
  useReloadOnSignal('gitops:releases', state.retry);
  return state;
}
