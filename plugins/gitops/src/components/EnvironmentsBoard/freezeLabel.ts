const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a freeze lifts, as a board header says it: "frozen until Monday 06:00 Europe/Berlin" within
 * the coming week, with the date beyond it ("frozen until 12 Jan 06:00 Europe/Berlin"), in
 * `timeZone` (a recurring window's own zone) when given, else in the viewer's.
 */
export function freezeLabel(
  until: string,
  now: Date,
  timeZone: string = new Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const at = new Date(until);
  const withinWeek = at.getTime() - now.getTime() < 6 * DAY_MS;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    ...(withinWeek
      ? { weekday: 'long' as const }
      : { day: 'numeric' as const, month: 'short' as const }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find(p => p.type === type)?.value ?? '';
  const day = withinWeek ? part('weekday') : `${part('day')} ${part('month')}`;
  return `frozen until ${day} ${part('hour')}:${part('minute')} ${timeZone}`;
}
