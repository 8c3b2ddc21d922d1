import { ConflictError } from '@backstage/errors';
import { KeyedQueue } from './KeyedQueue';

export interface RetryOptions {
  /** Attempts before giving up (default 8). */
  maxAttempts?: number;
  /**
   * Smallest first backoff window in ms (default 20). The window is at least as long as the attempt that
   * lost, doubles per attempt, and the actual wait is a random point in it.
   */
  baseDelayMs?: number;
  /** Largest backoff window in ms (default 10000). */
  maxDelayMs?: number;
}

/** One optimistic write attempt: a value when it landed, `'lost-race'` when another writer moved the branch first. */
export type Attempt<T> = (attempt: number) => Promise<T | 'lost-race'>;

/**
 * Runs `attempt` until it lands, backing off with full jitter between lost races so competing writers
 * spread out instead of colliding again. Gives up with a ConflictError after `maxAttempts`.
 */
async function retryLostRaces<T>(
  what: string,
  options: RetryOptions,
  attempt: Attempt<T>,
): Promise<{ value: T; attempts: number }> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 20;
  const cap = options.maxDelayMs ?? 10_000;
  for (let n = 1; ; n++) {
    const started = Date.now();
    const value = await attempt(n);
    if (value !== 'lost-race') {
      return { value, attempts: n };
    }
    if (n >= maxAttempts) {
      throw new ConflictError(
        `${what}: the branch kept moving while writing; gave up after ${n} attempts`,
      );
    }
    // Racers spread over a window of several attempt lengths, so slow writes (a loaded host, a remote
    // API) back off as far as fast ones do relative to their critical section.
    const slot = Math.max(base, Date.now() - started);
    const window = Math.min(cap, slot * 2 ** (n - 1));
    await new Promise(resolve => setTimeout(resolve, Math.random() * window));
  }
}

/**
 * Writes to one branch from this backend run one at a time (so they never race each other), and each
 * one is retried when it loses the race to a writer elsewhere.
 */
export class BranchWriteQueue {
  private readonly queue = new KeyedQueue();

  run<T extends object>(
    branchKey: string,
    what: string,
    options: RetryOptions,
    attempt: Attempt<T>,
  ): Promise<T & { attempts: number }> {
    return this.queue.run(branchKey, async () => {
      const { value, attempts } = await retryLostRaces(what, options, attempt);
      return { ...value, attempts };
    });
  }
}
