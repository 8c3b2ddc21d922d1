import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import { withTimeLimit } from '../timeLimit';

/**
 * Hands release events to the listeners modules added, off the engine's path: `emit` returns at
 * once. Each listener has its own queue, so it gets events in order and a slow one delays only
 * itself; a listener that throws or does not answer within the time limit is logged and skipped.
 */
export class ReleaseEventDispatcher {
  private readonly queues = new Map<ReleaseEventListener, Promise<void>>();

  constructor(
    private readonly options: {
      listeners: readonly ReleaseEventListener[];
      logger: LoggerService;
      timeoutMs: number;
    },
  ) {}

  emit(events: readonly ReleaseEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.options.listeners) {
      const previous = this.queues.get(listener) ?? Promise.resolve();
      const next = previous.then(async () => {
        for (const event of events) await this.deliver(listener, event);
      });
      this.queues.set(listener, next);
      // Forget a queue that went idle, so memory does not grow with every release.
      next.then(() => {
        if (this.queues.get(listener) === next) this.queues.delete(listener);
      });
    }
  }

  /** Resolves once every event emitted so far was handed to every listener (or timed out). */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  private async deliver(listener: ReleaseEventListener, event: ReleaseEvent) {
    try {
      await withTimeLimit(
        () => listener.onReleaseEvent(event),
        this.options.timeoutMs,
        `Release listener '${listener.name}'`,
      );
    } catch (error) {
      this.options.logger.warn(
        `Release listener '${listener.name}' failed on ${event.type} of release ${event.release.id}: ${error}`,
      );
    }
  }
}
