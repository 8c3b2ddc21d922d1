import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type {
  ApplicationFilter,
  ApplicationRef,
} from '@slipway/plugin-gitops-common';
import {
  filterFromParams,
  formatAppParam,
  parseAppParam,
} from './filterParams';

export type FilterKey = keyof Pick<
  ApplicationFilter,
  'runtime' | 'product' | 'environment' | 'health' | 'sync' | 'q'
>;

/** Filters and the selected application, read from and written to the URL query. */
export function useApplicationsQuery() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const selected = useMemo(() => parseAppParam(params.get('app')), [params]);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined) => update({ [key]: value }),
    [update],
  );
  const clearFilters = useCallback(
    () =>
      update({
        runtime: undefined,
        product: undefined,
        environment: undefined,
        health: undefined,
        sync: undefined,
        q: undefined,
      }),
    [update],
  );
  const select = useCallback(
    (ref: ApplicationRef | undefined) =>
      update({ app: ref ? formatAppParam(ref) : undefined }),
    [update],
  );

  return { filter, selected, setFilter, clearFilters, select };
}
