import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The URL query and a function that sets or (for an empty value) removes
 * some of its keys, replacing the history entry so filters do not pile up.
 */
export function useUpdateSearchParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
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
      ),
    [setParams],
  );
  return { params, update };
}
