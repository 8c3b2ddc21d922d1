import { useCallback, useMemo } from 'react';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
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
  const { params, update } = useUpdateSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const selected = useMemo(() => parseAppParam(params.get('app')), [params]);

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
