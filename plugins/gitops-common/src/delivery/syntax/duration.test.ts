import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1h0m5s', 3_605_000],
    [' 30s ', 30_000],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /write whole numbers with units d, h, m, s/],
    ['10', /write whole numbers with units/],
    ['1.5h', /write whole numbers with units/],
    ['30m1h', /in that order/],
    ['10 minutes', /write whole numbers with units/],
    ['-5m', /write whole numbers with units/],
    ['0s', /longer than zero/],
    ['31d', /at most 30 days/],
  ])('rejects %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(message);
    expect(() => parseDuration(text)).toThrow(
      `"${text}" is not a valid duration`,
    );
  });
});
