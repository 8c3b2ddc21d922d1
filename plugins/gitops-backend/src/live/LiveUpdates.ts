import type { SignalsService } from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';

/**
 * Channels open pages listen on (besides the release channels the engine publishes): a runtime's
 * applications changed; audit events were added.
 */
export type LiveChannel = 'gitops:applications' | 'gitops:audit';

interface ChannelState {
  lastSentAt: number;
  timer?: ReturnType<typeof setTimeout>;
  pending?: JsonObject;
}

/**
 * Tells open pages, through Backstage signals, that what they show changed, so they reload at once
 * instead of at their next poll. A burst (a runtime's watch stream during a sync, a Git import of
 * many commits) becomes at most one signal per channel and interval: the first at once, the last
 * change when the interval ends, so a page never misses the final state.
 */
export class LiveUpdates {
  private readonly channels = new Map<LiveChannel, ChannelState>();
  private stopped = false;

  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly options: {
      intervalMs?: number;
      onError?: (error: unknown) => void;
      now?: () => number;
    } = {},
  ) {}

  changed(channel: LiveChannel, message: JsonObject = {}): void {
    if (!this.signals || this.stopped) return;
    const interval = this.options.intervalMs ?? 2_000;
    const now = (this.options.now ?? Date.now)();
    const state = this.channels.get(channel) ?? { lastSentAt: -Infinity };
    this.channels.set(channel, state);
    if (state.timer) {
      state.pending = message;
      return;
    }
    const wait = state.lastSentAt + interval - now;
    if (wait <= 0) {
      this.send(channel, state, message, now);
      return;
    }
    state.pending = message;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const pending = state.pending;
      state.pending = undefined;
      if (pending) {
        this.send(channel, state, pending, (this.options.now ?? Date.now)());
      }
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    for (const state of this.channels.values()) clearTimeout(state.timer);
  }

  private send(
    channel: LiveChannel,
    state: ChannelState,
    message: JsonObject,
    now: number,
  ) {
    state.lastSentAt = now;
    this.signals!.publish({
      recipients: { type: 'broadcast' },
      channel,
      message,
    }).catch(error => this.options.onError?.(error));
  }
}
