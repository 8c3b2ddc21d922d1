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
