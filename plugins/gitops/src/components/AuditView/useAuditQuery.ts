import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  AUDIT_FILTER_KEYS,
  AuditFilterKey,
  auditFilterFromParams,
} from './auditParams';

/** The audit view's filters, read from and written to the URL query. */
export function useAuditQuery() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => auditFilterFromParams(params), [params]);

  const update = useCallback(
    (changes: Partial<Record<AuditFilterKey, string | undefined>>) => {
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
