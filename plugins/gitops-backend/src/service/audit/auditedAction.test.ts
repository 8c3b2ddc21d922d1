import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  migratedDatabase,
  testDatabases,
} from '../../database/__testUtils__/testDatabases';
import { AuditStore } from '../../database/audit/AuditStore';
import { AuditLog } from '../../audit/AuditLog';
import { auditedAction } from './auditedAction';

jest.setTimeout(60_000);

describe.each(testDatabases.eachSupportedId())('auditedAction on %s', id => {
  let knex: Knex;
  let audit: AuditLog;
  const auditor = mockServices.auditor.mock();
  const httpAuth = mockServices.httpAuth();
  const req = { headers: {}, method: 'POST', url: '/x' } as any;
  const event = {
    action: 'release.retry',
    target: 'release:r1',
    releaseId: 'r1',
  };
  // The log is append-only: each test reads the rows recorded after it started.
  let seenUpTo = 0;
  const rows = () =>
    knex('gitops_audit_events')
      .where('id', '>', seenUpTo)
      .orderBy('id') as Promise<any[]>;
  const state = () => knex('state_for_test').select('value');

  beforeAll(async () => {
    knex = await migratedDatabase(id);
    await knex.schema.createTable('state_for_test', t => t.string('value'));
    audit = new AuditLog(new AuditStore(knex), auditor);
  });

  beforeEach(async () => {
    const [{ last }] = await knex('gitops_audit_events').max({ last: 'id' });
    seenUpTo = Number(last ?? 0);
    await knex('state_for_test').delete();
    auditor.createEvent.mockClear();
  });

  it('records the success in the transaction that writes the state', async () => {
    const result = await auditedAction({
      req,
      httpAuth,
      audit,
      event,
      authorize: async () => undefined,
      run: ({ actor, recordSuccess }) =>
        knex.transaction(async trx => {
          await trx('state_for_test').insert({ value: `retried by ${actor}` });
          await recordSuccess(trx, { details: { attempt: 2 } });
          return 'ok';
        }),
    });
    expect(result).toBe('ok');
    expect(await state()).toEqual([{ value: 'retried by user:default/mock' }]);
    const [row, ...more] = await rows();
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actor: 'user:default/mock',
      outcome: 'succeeded',
      release_id: 'r1',
    });
    expect(JSON.parse(row.details)).toEqual({ attempt: 2 });
    const emitted = await auditor.createEvent.mock.results[0].value;
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'release-retry', request: req }),
    );
    expect(emitted.success).toHaveBeenCalled();
  });

  it('records one failed row, not the rolled back success, when the state write fails', async () => {
    await expect(
      auditedAction({
        req,
        httpAuth,
        audit,
        event,
        authorize: async () => undefined,
        run: ({ recordSuccess }) =>
          knex.transaction(async trx => {
            await trx('state_for_test').insert({ value: 'half done' });
            await recordSuccess(trx);
            throw new NotFoundError('release r1 is gone');
          }),
      }),
    ).rejects.toThrow('release r1 is gone');
    expect(await state()).toEqual([]);
    expect((await rows()).map(r => r.outcome)).toEqual(['failed']);
    // The auditor service heard only of the failure.
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    const emitted = await auditor.createEvent.mock.results[0].value;
    expect(emitted.fail).toHaveBeenCalled();
    expect(emitted.success).not.toHaveBeenCalled();
  });

  it('records one denied row and never runs the action when authorization refuses', async () => {
    const run = jest.fn();
    await expect(
      auditedAction({
        req,
        httpAuth,
        audit,
        event,
        authorize: async () => {
          throw new NotAllowedError('Not allowed: gitops.release.manage');
        },
        run,
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect(run).not.toHaveBeenCalled();
    const recorded = await rows();
    expect(recorded.map(r => r.outcome)).toEqual(['denied']);
    expect(JSON.parse(recorded[0].details).error).toBe(
      'Not allowed: gitops.release.manage',
    );
  });

  it('records a refusal decided while running as denied, with the caller given as credentials', async () => {
    await expect(
      auditedAction({
        req,
        credentials: mockCredentials.user('user:default/rae'),
        audit,
        event,
        authorize: async () => undefined,
        run: async () => {
          throw new NotAllowedError('Slipway will not write there for rae');
        },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const recorded = await rows();
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: 'user:default/rae',
        outcome: 'denied',
      }),
    ]);
    expect(JSON.parse(recorded[0].details).error).toBe(
      'Slipway will not write there for rae',
    );
  });

  it('keeps the committed success when the action fails after its transaction', async () => {
    await expect(
      auditedAction({
        req,
        httpAuth,
        audit,
        event,
        authorize: async () => undefined,
        run: async ({ recordSuccess }) => {
          await knex.transaction(async trx => {
            await trx('state_for_test').insert({ value: 'done' });
            await recordSuccess(trx);
          });
          throw new Error('notification failed');
        },
      }),
    ).rejects.toThrow('notification failed');
    expect((await rows()).map(r => r.outcome)).toEqual(['succeeded']);
  });
});
