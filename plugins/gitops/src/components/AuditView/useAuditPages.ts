import { useApi } from '@backstage/frontend-plugin-api';
import type { AuditEvent, AuditFilter } from '@slipway/plugin-gitops-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { gitopsApiRef } from '../../api';

interface PagesState {
  items: AuditEvent[];
  nextCursor?: string;
  /** True until the first page of the current filter has answered. */
  initial: boolean;
  loading: boolean;
  error?: Error;
}

const START: PagesState = { items: [], initial: true, loading: true };

/** `loaded` with the events of `page` it lacks, newest first (as the API orders them). */
function withEvents(loaded: AuditEvent[], page: AuditEvent[]): AuditEvent[] {
  const known = new Set(loaded.map(e => e.id));
  const added = page.filter(e => !known.has(e.id));
  if (!added.length) return loaded;
  return [...loaded, ...added].sort(
    (a, b) =>
      b.time.localeCompare(a.time) ||
      b.id.localeCompare(a.id, undefined, { numeric: true }),
  );
}

/**
 * Audit events for `filter`, newest first, one page at a time: `loadMore` appends the next (older)
 * page by its cursor. A new filter starts over, and answers for an older filter are dropped.
 */
export function useAuditPages(
  filter: AuditFilter,
  options: { enabled: boolean; pageSize?: number },
) {
  const api = useApi(gitopsApiRef);
  const { enabled, pageSize } = options;
  const filterKey = JSON.stringify(filter);
  const [state, setState] = useState<PagesState>(START);
  // Bumped on every new filter; a page answer for an older generation is ignored.
  const generation = useRef(0);
  const busy = useRef(false);

  const load = useCallback(
    async (cursor: string | undefined, gen: number) => {
      busy.current = true;
      setState(s => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await api.getAuditEvents({
          ...(JSON.parse(filterKey) as AuditFilter),
          ...(pageSize ? { limit: pageSize } : {}),
          ...(cursor ? { cursor } : {}),
        });
        if (gen !== generation.current) return;
        setState(s => ({
          items: cursor ? withEvents(s.items, page.items) : page.items,
          nextCursor: page.nextCursor,
          initial: false,
          loading: false,
        }));
      } catch (e) {
        if (gen !== generation.current) return;
        setState(s => ({ ...s, loading: false, error: e as Error }));
      } finally {
        if (gen === generation.current) busy.current = false;
      }
    },
    [api, filterKey, pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setState(START);
    if (enabled) load(undefined, generation.current);
  }, [enabled, load]);

  const { nextCursor, error, initial } = state;
  /** Loads the next page unless one is loading or there is none. */
  const loadMore = useCallback(() => {
    if (busy.current || !nextCursor || error) return;
    load(nextCursor, generation.current);
  }, [load, nextCursor, error]);

  /** Repeats the request that failed: the first page, or the next one. */
  const retry = useCallback(() => {
    if (busy.current) return;
    load(initial ? undefined : nextCursor, generation.current);
  }, [load, initial, nextCursor]);

  /**
   * Merges the newest page into what is loaded (a live update): new events appear in place, the
   * pages already read and the cursor stay.
   */
  const refresh = useCallback(async () => {
    if (busy.current || initial) return;
    const gen = generation.current;
    try {
      const page = await api.getAuditEvents({
        ...(JSON.parse(filterKey) as AuditFilter),
        ...(pageSize ? { limit: pageSize } : {}),
      });
      if (gen !== generation.current) return;
      setState(s => ({ ...s, items: withEvents(s.items, page.items) }));
    } catch {
      // The next live update or a reload asks again.
    }
  }, [api, filterKey, pageSize, initial]);

  return { ...state, loadMore, retry, refresh };
}
