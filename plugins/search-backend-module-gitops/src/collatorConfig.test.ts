import { ConfigReader } from '@backstage/config';
import { readCollatorOptions, readScheduleConfig } from './collatorConfig';

const config = (gitops: object) =>
  new ConfigReader({ search: { collators: { gitops } } });

describe('the gitops collator config', () => {
  it('defaults to the Slipway release page, pages of 50 and a run every 10 minutes', () => {
    const empty = new ConfigReader({});
    expect(readCollatorOptions(empty)).toEqual({
      locationTemplate: '/gitops/releases/:id',
      batchSize: 50,
    });
    expect(readScheduleConfig(empty)).toMatchObject({
      frequency: { minutes: 10 },
    });
  });

  it('reads the schedule, location template and batch size', () => {
    const options = config({
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 30 } },
      locationTemplate: '/delivery/releases/:id',
      batchSize: 200,
    });
    expect(readScheduleConfig(options)).toEqual({
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
    });
    expect(readCollatorOptions(options)).toEqual({
      locationTemplate: '/delivery/releases/:id',
      batchSize: 200,
    });
  });

  it.each([
    [{ batchSize: 0 }, 'search.collators.gitops.batchSize'],
    [{ batchSize: 201 }, 'search.collators.gitops.batchSize'],
    [{ locationTemplate: '/gitops/releases' }, 'must contain :id'],
  ])('refuses %j naming %s', (gitops, message) => {
    expect(() => readCollatorOptions(config(gitops))).toThrow(message);
  });

  it('refuses a schedule without a frequency, naming the key', () => {
    expect(() =>
      readScheduleConfig(config({ schedule: { timeout: { minutes: 1 } } })),
    ).toThrow('Invalid schedule at search.collators.gitops.schedule');
  });
});
