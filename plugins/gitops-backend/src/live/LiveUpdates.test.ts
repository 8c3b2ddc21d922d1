import type { SignalsService } from '@backstage/plugin-signals-node';
import { LiveUpdates } from './LiveUpdates';

describe('LiveUpdates', () => {
  let now = 0;
  const published: Array<{ channel: string; message: unknown }> = [];
  const signals: SignalsService = {
    publish: async ({ channel, message }) => {
      published.push({ channel, message });
    },
  };

  beforeEach(() => {
    jest.useFakeTimers();
    now = 10_000;
    published.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number) => {
    now += ms;
    jest.advanceTimersByTime(ms);
  };

  it('signals the first change at once and the last of a burst when the interval ends', () => {
    const live = new LiveUpdates(signals, { intervalMs: 2_000, now: () => now });
    live.changed('gitops:applications', { runtime: 'prod' });
    expect(published).toEqual([
      { channel: 'gitops:applications', message: { runtime: 'prod' } },
    ]);
    for (let i = 0; i < 50; i++) {
      advance(10);
      live.changed('gitops:applications', { runtime: `r${i}` });
    }
    expect(published).toHaveLength(1);
    advance(2_000);
    expect(published).toEqual([
      { channel: 'gitops:applications', message: { runtime: 'prod' } },
      { channel: 'gitops:applications', message: { runtime: 'r49' } },
    ]);
    // Quiet long enough: the next change goes out at once again.
    advance(5_000);
    live.changed('gitops:applications', { runtime: 'dev' });
    expect(published).toHaveLength(3);
  });

  it('throttles each channel on its own', () => {
    const live = new LiveUpdates(signals, { intervalMs: 2_000, now: () => now });
    live.changed('gitops:applications');
    live.changed('gitops:audit');
    live.changed('gitops:audit');
    expect(published.map(p => p.channel)).toEqual([
      'gitops:applications',
      'gitops:audit',
    ]);
    advance(2_000);
    expect(published.map(p => p.channel)).toEqual([
      'gitops:applications',
      'gitops:audit',
      'gitops:audit',
    ]);
  });

  it('sends nothing without signals or after stop, and reports a failed publish', async () => {
    new LiveUpdates(undefined).changed('gitops:audit');
    const errors: unknown[] = [];
    const failing = new LiveUpdates(
      {
        publish: async () => {
          throw new Error('signals backend down');
        },
      },
      { onError: e => errors.push(e), now: () => now },
    );
    failing.changed('gitops:audit');
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toEqual([new Error('signals backend down')]);

    const live = new LiveUpdates(signals, { intervalMs: 2_000, now: () => now });
    live.changed('gitops:audit');
    live.changed('gitops:audit');
    live.stop();
    advance(5_000);
    live.changed('gitops:audit');
    expect(published).toHaveLength(1);
  });
});
