import { CronExpressionParser } from 'cron-parser';

/**
 * What is wrong with a 5-field cron expression (minute hour day-of-month month day-of-week), in
 * words; undefined when it is fine.
 */
export function cronScheduleProblem(text: string): string | undefined {
  const fields = text.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `"${text}" is not a cron schedule: write 5 fields (minute hour day-of-month month day-of-week), e.g. "0 18 * * 5" for Fridays at 18:00`;
  }
  try {
    CronExpressionParser.parse(fields.join(' '));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `"${text}" is not a cron schedule: ${reason}`;
  }
  return undefined;
}

/** Whether the runtime knows `timeZone` as an IANA time zone (e.g. `Europe/Berlin`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone,
    );
  } catch {
    return false;
  }
}
