import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useDocumentVisible } from './useDocumentVisible';

/** How often views poll the backend while the tab is visible. */
export const DEFAULT_REFRESH_INTERVAL_MS = 15_000;

export interface AutoRefreshState<T> {
  /** The last value loaded; kept while a refresh or a changed query is in flight. */
  value?: T;
  /** The error of the last attempt; cleared by the next success. */
  error?: Error;
  /** True while loading after the dependencies changed (not during background refreshes). */
  loading: boolean;
  /** When `value` was loaded. */
  loadedAt?: Date;
  /** Loads again now. */
  retry: () => void;
}

/**
 * Loads `load()` when `deps` change and again every `intervalMs` while the page is visible (and at once
 * when it becomes visible again). Answers to superseded requests are dropped, and a tick is skipped while
 * a request is still running so a slow backend never gets a pile of requests, or when a reload (`retry`,
 * e.g. on a signal) started less than half an interval ago, so the poll does not repeat it.
 */
export function useAutoRefresh<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  intervalMs: number = DEFAULT_REFRESH_INTERVAL_MS,
): AutoRefreshState<T> {
  const visible = useDocumentVisible();
  const loadRef = useRef(load);
  loadRef.current = load;
  // Mutable bookkeeping that must not re-render: which request is current, whether one is running,
  // and when the last one started.
  const requests = useRef({
    generation: 0,
    inFlight: false,
    startedAt: 0,
  }).current;
  const [state, setState] = useState<Omit<AutoRefreshState<T>, 'retry'>>({
    loading: true,
  });

  const run = useCallback(
    async (initial: boolean, onlyIfIdle = false) => {
      if (onlyIfIdle && requests.inFlight) return;
      const current = ++requests.generation;
      requests.inFlight = true;
      requests.startedAt = Date.now();
      if (initial) setState(s => ({ ...s, loading: true }));
      try {
        const value = await loadRef.current();
        if (current === requests.generation) {
          setState({ value, loading: false, loadedAt: new Date() });
        }
      } catch (e) {
        if (current === requests.generation) {
          const error = e instanceof Error ? e : new Error(String(e));
          setState(s => ({ ...s, error, loading: false }));
        }
      } finally {
        if (current === requests.generation) requests.inFlight = false;
      }
    },
    [requests],
  );

  useEffect(() => {
    run(true);
    return () => {
      // Drops whatever is still in flight for the old dependencies (or after unmount).
      requests.generation++;
      requests.inFlight = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const firstVisibility = useRef(true);
  useEffect(() => {
    if (!visible) return undefined;
    if (firstVisibility.current) {
      firstVisibility.current = false;
    } else {
      run(false);
    }
    const timer = setInterval(() => {
      if (Date.now() - requests.startedAt < intervalMs / 2) return;
      run(false, true);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [visible, intervalMs, run, requests]);

  const retry = useCallback(() => {
    run(true);
  }, [run]);

  return { ...state, retry };
}
