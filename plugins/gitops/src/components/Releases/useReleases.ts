import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ReleaseFilter,
  ReleaseListResponse,
} from '@slipway/plugin-gitops-common';
import { useRef, useState } from 'react';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { isReleaseActive } from './releaseStatus';

/** How often lists poll while a release moves, and otherwise. */
export const ACTIVE_POLL_MS = 3_000;
export const IDLE_POLL_MS = 15_000;

/** Releases matching `filter`, polled every few seconds while any of them is queued, running or waiting. */
export function useReleases(filter: ReleaseFilter, refreshKey?: unknown) {
  const api = useApi(gitopsApiRef);
  const [active, setActive] = useState(false);
  // An unchanged answer keeps its identity, so the table neither re-renders nor replaces the rows
  // under the user's pointer (or focus) on every poll.
  const last = useRef<{ json: string; page: ReleaseListResponse }>();
  const state = useAutoRefresh(
    async () => {
      const page = await api.getReleases(filter);
      setActive(page.items.some(r => isReleaseActive(r.status)));
      const json = JSON.stringify(page);
      if (last.current?.json === json) return last.current.page;
      last.current = { json, page };
      return page;
    },
    [api, filter.product, filter.status, filter.environment, refreshKey],
    active ? ACTIVE_POLL_MS : IDLE_POLL_MS,
  );
  // Any release that starts or changes (where the app has Backstage signals) reloads the list at once.
  useReloadOnSignal('gitops:releases', state.retry);
  return state;
}
