import type { SignalApi } from '@backstage/plugin-signals-react';

type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** Backstage signals in memory: `emit` delivers to the subscribers of a channel. */
export function signalsApi() {
  const listeners = new Map<string, Set<(m: Message) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const listener = onMessage as (m: Message) => void;
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return {
        unsubscribe: () => {
          listeners.get(channel)!.delete(listener);
        },
      };
    },
  };
  return Object.assign(api, {
    emit(channel: string, message: Message) {
      listeners.get(channel)?.forEach(l => l(message));
    },
  });
}
