import { useEffect, useRef } from 'react';

/**
 * A ref for an element at the end of a list: when it scrolls into view, `onVisible` runs. Without
 * IntersectionObserver (old browsers, jsdom) nothing happens and the "Load more" button remains.
 */
export function useLoadMoreSentinel<T extends Element>(
  onVisible: () => void,
  active: boolean,
  /** Changes when a page was added: observing anew reports a sentinel that is still in view. */
  loaded: number,
) {
  const ref = useRef<T>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;

  useEffect(() => {
    const element = ref.current;
    if (!active || !element || typeof IntersectionObserver === 'undefined') {
      return undefined;
    }
    const observer = new IntersectionObserver(
      entries => {
        if (entries.some(e => e.isIntersecting)) callback.current();
      },
      // Start loading a little before the end is reached.
      { rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [active, loaded]);

  return ref;
}
