import type { Environment } from '@slipway/plugin-gitops-common';
import {
  approvalDecision,
  freezeOverrideDecision,
  freezeStatus,
  soakStatus,
} from './gates';

function production(freezeWindows: Environment['freezeWindows']): Environment {
  return {
    name: 'production',
    title: 'Production',
    tier: 'production',
    order: 3,
    targets: [{ runtime: 'prod', cluster: 'in-cluster', namespaces: [] }],
    freezeWindows,
  };
}

describe('freezeStatus', () => {
  const windows = [
    {
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-27T00:00:00Z',
      reason: 'end-of-year',
    },
    // Overlaps the first one and runs longer.
    {
      start: '2026-12-26T00:00:00Z',
      end: '2026-12-29T00:00:00Z',
      reason: 'inventory',
    },
    // Starts exactly when the second ends: the freeze goes on without a gap.
    { start: '2026-12-29T00:00:00Z', end: '2027-01-02T00:00:00Z' },
    // A later window after a gap does not extend the freeze.
    {
      start: '2027-01-05T00:00:00Z',
      end: '2027-01-06T00:00:00Z',
      reason: 'audit',
    },
  ];

  it('is open outside every window and at the exclusive end of one', () => {
    const environment = production(windows);
    expect(freezeStatus(environment, new Date('2026-12-23T23:59:59Z'))).toEqual(
      { frozen: false },
    );
    expect(freezeStatus(environment, new Date('2027-01-02T00:00:00Z'))).toEqual(
      { frozen: false },
    );
    expect(
      freezeStatus(production([]), new Date('2026-12-25T00:00:00Z')),
    ).toEqual({ frozen: false });
  });

  it('gives the reason and the time the whole chain of overlapping windows lifts', () => {
    const environment = production(windows);
    expect(freezeStatus(environment, new Date('2026-12-24T00:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: end-of-year',
        until: '2027-01-02T00:00:00.000Z',
      },
    );
    expect(freezeStatus(environment, new Date('2026-12-26T12:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: end-of-year; inventory',
        until: '2027-01-02T00:00:00.000Z',
      },
    );
    expect(freezeStatus(environment, new Date('2026-12-30T00:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze',
        until: '2027-01-02T00:00:00.000Z',
      },
    );
    expect(freezeStatus(environment, new Date('2027-01-05T10:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: audit',
        until: '2027-01-06T00:00:00.000Z',
      },
    );
  });

  it('reads windows written with a time zone offset', () => {
    const environment = production([
      {
        start: '2026-12-24T09:00:00+01:00',
        end: '2026-12-24T17:00:00+01:00',
        reason: 'release party',
      },
    ]);
    expect(freezeStatus(environment, new Date('2026-12-24T08:30:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: release party',
        until: '2026-12-24T16:00:00.000Z',
      },
    );
  });
});

describe('freezeStatus with a recurring window', () => {
  // Every weekend, Friday 18:00 to Monday 06:00 in Berlin.
  const weekend = {
    schedule: '0 18 * * 5',
    duration: '60h',
    timeZone: 'Europe/Berlin',
    reason: 'weekend',
  };
  const at = (iso: string) =>
    freezeStatus(production([weekend]), new Date(iso));
  const frozenUntil = (until: string) => ({
    frozen: true,
    reason: 'Production freeze: weekend',
    until,
    timeZone: 'Europe/Berlin',
  });

  it('starts at 18:00 and ends at 06:00 Berlin time on the weekend clocks go forward (29 March 2026)', () => {
    // Friday 27 March 18:00 CET is 17:00 UTC; Monday 30 March 06:00 CEST is 04:00 UTC: 59 hours later.
    expect(at('2026-03-27T16:59:59.999Z')).toEqual({ frozen: false });
    expect(at('2026-03-27T17:00:00.000Z')).toEqual(
      frozenUntil('2026-03-30T04:00:00.000Z'),
    );
    expect(at('2026-03-29T01:30:00.000Z')).toEqual(
      frozenUntil('2026-03-30T04:00:00.000Z'),
    );
    expect(at('2026-03-30T03:59:59.999Z')).toEqual(
      frozenUntil('2026-03-30T04:00:00.000Z'),
    );
    expect(at('2026-03-30T04:00:00.000Z')).toEqual({ frozen: false });
    // The Friday after, 18:00 in summer time is 16:00 UTC.
    expect(at('2026-04-03T15:59:59.999Z')).toEqual({ frozen: false });
    expect(at('2026-04-03T16:00:00.000Z')).toEqual(
      frozenUntil('2026-04-06T04:00:00.000Z'),
    );
    // The Friday before, in winter time, ended Monday 06:00 CET, 05:00 UTC.
    expect(at('2026-03-23T04:59:59.999Z')).toEqual(
      frozenUntil('2026-03-23T05:00:00.000Z'),
    );
    expect(at('2026-03-23T05:00:00.000Z')).toEqual({ frozen: false });
  });

  it('starts at 18:00 and ends at 06:00 Berlin time on the weekend clocks go back (25 October 2026)', () => {
    // Friday 23 October 18:00 CEST is 16:00 UTC; Monday 26 October 06:00 CET is 05:00 UTC: 61 hours later.
    expect(at('2026-10-23T15:59:59.999Z')).toEqual({ frozen: false });
    expect(at('2026-10-23T16:00:00.000Z')).toEqual(
      frozenUntil('2026-10-26T05:00:00.000Z'),
    );
    expect(at('2026-10-26T04:59:59.999Z')).toEqual(
      frozenUntil('2026-10-26T05:00:00.000Z'),
    );
    expect(at('2026-10-26T05:00:00.000Z')).toEqual({ frozen: false });
    // The Friday after, 18:00 in winter time is 17:00 UTC.
    expect(at('2026-10-30T16:59:59.999Z')).toEqual({ frozen: false });
    expect(at('2026-10-30T17:00:00.000Z')).toEqual(
      frozenUntil('2026-11-02T05:00:00.000Z'),
    );
  });

  it('is open on weekdays between the windows', () => {
    expect(at('2026-12-09T12:00:00Z')).toEqual({ frozen: false });
  });

  it('follows a fixed window that adjoins a recurring one, and a recurring one that outlasts a fixed one', () => {
    const environment = production([
      weekend,
      // Monday 21 December 06:00 Berlin (05:00 UTC) until Friday 1 January noon, hours before
      // that weekend's window.
      {
        start: '2026-12-21T05:00:00Z',
        end: '2027-01-01T12:00:00Z',
        reason: 'end-of-year',
      },
      // Friday afternoon, running into the weekend window.
      {
        start: '2026-12-11T12:00:00Z',
        end: '2026-12-11T18:00:00Z',
        reason: 'load test',
      },
    ]);
    expect(freezeStatus(environment, new Date('2026-12-19T10:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: weekend',
        until: '2027-01-01T12:00:00.000Z',
      },
    );
    // The fixed window ends 19:00 Berlin, inside the weekend window that started at 18:00.
    expect(freezeStatus(environment, new Date('2026-12-11T16:00:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze: load test',
        until: '2026-12-14T05:00:00.000Z',
        timeZone: 'Europe/Berlin',
      },
    );
  });

  it('reads a daily window that crosses midnight in a zone without daylight saving', () => {
    const environment = production([
      { schedule: '30 22 * * *', duration: '8h', timeZone: 'Asia/Kolkata' },
    ]);
    // 22:30 in Kolkata (UTC+05:30) is 17:00 UTC; it lifts at 06:30 local, 01:00 UTC.
    expect(freezeStatus(environment, new Date('2026-12-07T16:59:00Z'))).toEqual(
      { frozen: false },
    );
    expect(freezeStatus(environment, new Date('2026-12-08T00:59:00Z'))).toEqual(
      {
        frozen: true,
        reason: 'Production freeze',
        until: '2026-12-08T01:00:00.000Z',
        timeZone: 'Asia/Kolkata',
      },
    );
  });
});

describe('soakStatus', () => {
  it('holds until the duration has passed since the soak started', () => {
    const started = new Date('2026-11-22T10:00:00Z');
    expect(
      soakStatus(started, 30 * 60_000, new Date('2026-11-22T10:29:59Z')),
    ).toEqual({
      done: false,
      until: '2026-11-22T10:30:00.000Z',
    });
    expect(
      soakStatus(started, 30 * 60_000, new Date('2026-11-22T10:30:00Z')).done,
    ).toBe(true);
  });
});

describe('approvalDecision', () => {
  const gate = {
    approvers: ['group:default/production-approvers', 'user:default/carol'],
    initiator: 'user:default/alice',
  };

  it('lets a member of an approver group approve', () => {
    expect(
      approvalDecision({
        ...gate,
        approver: 'user:default/bob',
        approverOwnershipRefs: [
          'user:default/bob',
          'group:default/production-approvers',
        ],
      }),
    ).toEqual({ allowed: true });
  });

  it('lets a user named directly approve, comparing refs case-insensitively and with defaults', () => {
    expect(
      approvalDecision({
        ...gate,
        approver: 'User:default/Carol',
        approverOwnershipRefs: [],
      }),
    ).toEqual({ allowed: true });
    expect(
      approvalDecision({
        ...gate,
        approvers: ['production-approvers'],
        approver: 'user:default/bob',
        approverOwnershipRefs: ['group:default/Production-Approvers'],
      }),
    ).toEqual({ allowed: true });
  });

  it('never lets the initiator approve their own release, even as an approver', () => {
    expect(
      approvalDecision({
        ...gate,
        approver: 'user:default/ALICE',
        approverOwnershipRefs: [
          'user:default/alice',
          'group:default/production-approvers',
        ],
      }),
    ).toEqual({
      allowed: false,
      reason: 'You started this release, so someone else must approve it',
    });
  });

  it('refuses someone who is not an approver', () => {
    expect(
      approvalDecision({
        ...gate,
        approver: 'user:default/mallory',
        approverOwnershipRefs: [
          'user:default/mallory',
          'group:default/developers',
        ],
      }),
    ).toEqual({
      allowed: false,
      reason:
        'Only group:default/production-approvers, user:default/carol may approve this step; user:default/mallory is not one of them',
    });
  });

  it('lets anyone approved approve a release the engine started', () => {
    expect(
      approvalDecision({
        ...gate,
        initiator: 'engine',
        approver: 'user:default/carol',
        approverOwnershipRefs: [],
      }),
    ).toEqual({ allowed: true });
  });
});

describe('freezeOverrideDecision', () => {
  const asked = {
    initiator: 'user:default/dana',
    requestedBy: 'user:default/bob',
  };

  it('lets a third person allow the override', () => {
    expect(
      freezeOverrideDecision({ ...asked, approver: 'user:default/alice' }),
    ).toEqual({ allowed: true });
  });

  it('refuses the initiator and whoever asked, however their ref is written', () => {
    expect(freezeOverrideDecision({ ...asked, approver: 'Dana' })).toEqual({
      allowed: false,
      reason:
        'You started this release, so someone else must approve its freeze override',
    });
    expect(
      freezeOverrideDecision({ ...asked, approver: 'user:default/Bob' }),
    ).toEqual({
      allowed: false,
      reason:
        'You asked for this freeze override, so someone else must approve it',
    });
  });
});
