import { freezeLabel } from './freezeLabel';

describe('freezeLabel', () => {
  const friday = new Date('2026-12-18T16:00:00Z');

  it('names the weekday and time within the coming week, in the given time zone', () => {
    // 05:00 UTC on Monday is 06:00 in Berlin (winter time).
    expect(freezeLabel('2026-12-21T05:00:00Z', friday, 'Europe/Berlin')).toBe(
      'frozen until Monday 06:00 Europe/Berlin',
    );
    expect(
      freezeLabel('2026-12-21T05:00:00Z', friday, 'America/New_York'),
    ).toBe('frozen until Monday 00:00 America/New_York');
  });

  it('names the date when the freeze lifts more than a week later', () => {
    expect(freezeLabel('2027-01-04T05:00:00Z', friday, 'Europe/Berlin')).toBe(
      'frozen until 4 Jan 06:00 Europe/Berlin',
    );
  });
});
