import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect } from 'react';

/**
 * Where the app has Backstage signals, a message on `channel` reloads at once; the caller's polling
 * stays as the fallback (and for changes signals cannot carry, like Argo CD health).
 */
export function useReloadOnSignal(channel: string, reload: () => void) {
  const { lastSignal } = useSignal(channel);
  useEffect(() => {
    if (lastSignal) reload();
  }, [lastSignal, reload]);
}
