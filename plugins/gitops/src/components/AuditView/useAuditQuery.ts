import { useCallback, useMemo } from 'react';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
import {
  AUDIT_FILTER_KEYS,
  AuditFilterKey,
  auditFilterFromParams,
} from './auditParams';

/** The audit view's filters, read from and written to the URL query. */
export function useAuditQuery() {
  const { params, update } = useUpdateSearchParams();
  const filter = useMemo(() => auditFilterFromParams(params), [params]);

  const setFilter = useCallback(
    (key: AuditFilterKey, value: string | undefined) =>
      update({ [key]: value }),
    [update],
  );
  const clearFilters = useCallback(
    () =>
      update(
        Object.fromEntries(AUDIT_FILTER_KEYS.map(key => [key, undefined])),
      ),
    [update],
  );

  return { filter, setFilter, clearFilters };
}
