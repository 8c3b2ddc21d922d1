import { useApi } from '@backstage/frontend-plugin-api';
import type { ReleaseFilter } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { isReleaseActive } from './releaseStatus';

/** How often lists poll while a release moves, and otherwise. */
export const ACTIVE_POLL_MS = 3_000;
export const IDLE_POLL_MS = 15_000;

/** Releases matching `filter`, polled every few seconds while any of them is queued, running or waiting. */
export function useReleases(filter: ReleaseFilter, refreshKey?: unknown) {
  const api = useApi(gitopsApiRef);
  const [active, setActive] = useState(false);
  const state = useAutoRefresh(
    async () => {
      const page = await api.getReleases(filter);
      setActive(page.items.some(r => isReleaseActive(r.status)));
      return page;
    },
    [api, filter.product, filter.status, filter.environment, refreshKey],
    active ? ACTIVE_POLL_MS : IDLE_POLL_MS,
  );
  return state;
}
