import { RuntimeClock } from '../runtimes/clock';

/** A clock that moves only when the test says so; due timers run in time order as it moves. */
export function fakeClock(start = Date.parse('2026-01-05T09:00:00Z')) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: RuntimeClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(timer) {
      timers.delete(timer as number);
    },
  };
  return {
    clock,
    now: () => now,
    /** When the earliest pending timer is due, if any. */
    nextTimerAt(): number | undefined {
      const ats = [...timers.values()].map(t => t.at);
      return ats.length ? Math.min(...ats) : undefined;
    },
    /** Moves time forward by `ms`, running each timer that falls due on the way. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
  };
}
