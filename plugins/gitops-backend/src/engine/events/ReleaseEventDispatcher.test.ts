import { mockServices } from '@backstage/backend-test-utils';
import type {
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
import { ReleaseEventDispatcher } from './ReleaseEventDispatcher';

const event = (type: 'release.created' | 'release.succeeded', id: string) =>
  ({
    type,
    occurredAt: '2026-01-01T00:00:00.000Z',
    release: { id },
  } as unknown as ReleaseEvent);

describe('ReleaseEventDispatcher', () => {
  it('delivers every event in order to each listener although another throws or hangs', async () => {
    const logger = mockServices.logger.mock();
    const seen: string[] = [];
    const recorder: ReleaseEventListener = {
      name: 'recorder',
      async onReleaseEvent(e) {
        // A slow listener still gets its events one at a time, in order.
        await new Promise(resolve => setTimeout(resolve, 5));
        seen.push(`${e.type}:${e.release.id}`);
      },
    };
    const dispatcher = new ReleaseEventDispatcher({
      listeners: [
        {
          name: 'throwing',
          onReleaseEvent: () => {
            throw new Error('chat is down');
          },
        },
        { name: 'hanging', onReleaseEvent: () => new Promise(() => {}) },
        recorder,
      ],
      logger,
      timeoutMs: 50,
    });

    dispatcher.emit([event('release.created', 'a')]);
    dispatcher.emit([
      event('release.succeeded', 'a'),
      event('release.created', 'b'),
    ]);
    await dispatcher.drain();

    expect(seen).toEqual([
      'release.created:a',
      'release.succeeded:a',
      'release.created:b',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      "Release listener 'throwing' failed on release.created of release a: Error: chat is down",
    );
    expect(logger.warn).toHaveBeenCalledWith(
      "Release listener 'hanging' failed on release.created of release b: Error: Release listener 'hanging' did not answer within 50 ms",
    );
  });
});
