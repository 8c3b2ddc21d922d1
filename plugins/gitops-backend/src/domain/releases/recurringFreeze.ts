import {
  parseDuration,
  RecurringFreezeWindow,
} from '@slipway/plugin-gitops-common';
import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';

/** One window of a recurring freeze: [start, end) in epoch milliseconds. */
export interface FreezeOccurrence {
  start: number;
  end: number;
}

/**
 * Where clocks go back, a window that started up to this long before the latest start can end
 * later on the wall clock than the latest one; such starts are looked at too.
 */
const LOOKBACK_MS = 2 * 60 * 60 * 1000;
/** Bounds the earlier starts looked at then (a schedule firing every minute has many). */
const MAX_STARTS = 200;

/**
 * A recurring freeze window ready to answer questions: when its windows start and end. Windows
 * start when the cron schedule fires in the window's time zone and last the duration on that
 * zone's wall clock: Friday 18:00 plus 60h is Monday 06:00 local, also when the clocks change in
 * between. A window whose end falls into the hour skipped when clocks go forward ends at the first
 * local time after it.
 */
export class RecurringFreeze {
  private readonly durationMs: number;

  constructor(readonly window: RecurringFreezeWindow) {
    this.durationMs = parseDuration(window.duration);
  }

  /** When the window starting at `start` ends. */
  endOf(start: number): number {
    const local = DateTime.fromMillis(start, { zone: this.window.timeZone });
    // The local wall-clock time read as if it were UTC, where every hour exists exactly once.
    const wall = DateTime.fromObject(
      {
        year: local.year,
        month: local.month,
        day: local.day,
        hour: local.hour,
        minute: local.minute,
        second: local.second,
        millisecond: local.millisecond,
      },
      { zone: 'utc' },
    ).plus({ milliseconds: this.durationMs });
    return DateTime.fromObject(
      {
        year: wall.year,
        month: wall.month,
        day: wall.day,
        hour: wall.hour,
        minute: wall.minute,
        second: wall.second,
        millisecond: wall.millisecond,
      },
      { zone: this.window.timeZone },
    ).toMillis();
  }

  /**
   * The windows that started at or before `time` and could end last, latest start first: the
   * latest one, which ends last as wall-clock times go on, and, when the clocks went back shortly
   * before it, the ones that started in the hour before the change.
   */
  startedBy(time: number): FreezeOccurrence[] {
    const starts = CronExpressionParser.parse(this.window.schedule, {
      tz: this.window.timeZone,
      currentDate: new Date(time + 1),
    });
    const previous = (): number | undefined => {
      try {
        return starts.prev().getTime();
      } catch {
        return undefined; // the schedule fired no earlier
      }
    };
    let latest = previous();
    while (latest !== undefined && latest > time) latest = previous();
    if (latest === undefined) return [];
    const occurrences = [{ start: latest, end: this.endOf(latest) }];
    const earliest = latest - LOOKBACK_MS;
    if (this.offsetAt(earliest) <= this.offsetAt(latest)) return occurrences;
    for (let n = 0; n < MAX_STARTS; n++) {
      const start = previous();
      if (start === undefined || start < earliest) break;
      occurrences.push({ start, end: this.endOf(start) });
    }
    return occurrences;
  }

  /** The zone's offset from UTC at `time`, in minutes. */
  private offsetAt(time: number): number {
    return DateTime.fromMillis(time, { zone: this.window.timeZone }).offset;
  }

  /** The windows holding at `time`: started at or before it, ending after it. */
  activeAt(time: number): FreezeOccurrence[] {
    return this.startedBy(time).filter(o => o.end > time);
  }
}
