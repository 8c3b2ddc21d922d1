import { bucketStart, bucketsBetween, isTimeZone } from './buckets';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('DORA buckets', () => {
  it('puts a late Sunday evening in UTC into Sunday’s day and the week before, but into Monday and the new week in Berlin', () => {
    const sundayNight = at('2026-03-01T23:30:00Z');
    expect(iso(bucketStart(sundayNight, 'day', 'UTC'))).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(iso(bucketStart(sundayNight, 'week', 'UTC'))).toBe(
      '2026-02-23T00:00:00.000Z',
    );
    expect(iso(bucketStart(sundayNight, 'day', 'Europe/Berlin'))).toBe(
      '2026-03-01T23:00:00.000Z',
    );
    expect(iso(bucketStart(sundayNight, 'week', 'Europe/Berlin'))).toBe(
      '2026-03-01T23:00:00.000Z',
    );
  });

  it('starts each day at local midnight across a daylight saving change', () => {
    expect(
      bucketsBetween(
        at('2026-03-28T12:00:00Z'),
        at('2026-03-30T22:00:00Z'),
        'day',
        'Europe/Berlin',
      ),
    ).toEqual([
      { start: '2026-03-27T23:00:00.000Z', label: '2026-03-28' },
      { start: '2026-03-28T23:00:00.000Z', label: '2026-03-29' },
      { start: '2026-03-29T22:00:00.000Z', label: '2026-03-30' },
    ]);
  });

  it('gives calendar months in the time zone, the last one ending at `to`', () => {
    expect(
      bucketsBetween(
        at('2026-01-15T00:00:00Z'),
        at('2026-03-01T05:00:00Z'),
        'month',
        'America/New_York',
      ),
    ).toEqual([
      { start: '2026-01-01T05:00:00.000Z', label: '2026-01-01' },
      { start: '2026-02-01T05:00:00.000Z', label: '2026-02-01' },
    ]);
  });

  it('knows IANA time zones and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
