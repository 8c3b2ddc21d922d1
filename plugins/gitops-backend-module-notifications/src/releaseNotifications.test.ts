import { mockServices } from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { DeliveryConfig, Release } from '@slipway/plugin-gitops-common';
import type { ReleaseEvent } from '@slipway/plugin-gitops-node';
import { ReleaseNotifier } from './ReleaseNotifier';

const config = {
  commit: 'abc',
  environments: [
    { name: 'staging', title: 'Staging', tier: 'non-production' },
    { name: 'production', title: 'Production', tier: 'production' },
  ],
  products: [
    {
      name: 'payments',
      title: 'Payments',
      owner: 'group:default/payments-team',
    },
  ],
  flows: [
    {
      name: 'standard',
      title: 'Standard',
      trigger: { environment: 'staging', mode: 'manual' },
      steps: [
        {
          environment: 'production',
          dependsOn: ['staging'],
          action: 'commit',
          gates: {
            pre: [
              {
                type: 'manual-approval',
                approvers: ['group:default/production-approvers'],
              },
            ],
            post: [],
          },
        },
      ],
    },
  ],
  problems: [],
} as unknown as DeliveryConfig;

function release(overrides: Partial<Release> = {}): Release {
  return {
    id: 'rel-42',
    product: 'payments',
    kind: 'manual',
    version: '1.4.3',
    sourceEnvironment: 'staging',
    initiator: 'user:default/guest',
    status: 'waiting',
    environments: [{ environment: 'production', status: 'pre-gates' }],
    createdAt: '2026-12-07T09:00:00Z',
    updatedAt: '2026-12-07T09:00:00Z',
    steps: [],
    ...overrides,
  } as Release;
}

/** Backstage's notification service as a recorder: what the module asked it to send. */
class SentNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  async send(options: NotificationSendOptions) {
    this.sent.push(options);
  }
}

function notifier(delivery = { config: async () => config }) {
  const notifications = new SentNotifications();
  const logger = mockServices.logger.mock();
  const listener = new ReleaseNotifier({ notifications, delivery, logger });
  return { listener, notifications, logger };
}

const at = '2026-12-07T09:00:00Z';

describe('release notifications', () => {
  it('asks the approvers, never the initiator, with a link and a high severity', async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.waiting-for-approval',
      occurredAt: at,
      release: release(),
      environment: 'production',
      phase: 'pre',
      approvers: [
        'group:default/production-approvers',
        'user:default/ana.ruiz',
      ],
    });
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [
            'group:default/production-approvers',
            'user:default/ana.ruiz',
          ],
          excludeEntityRef: 'user:default/guest',
        },
        payload: {
          title: 'Approval needed: Payments 1.4.3 → Production',
          description:
            'Production waits for your approval (before the deployment), started by guest.',
          link: '/gitops/releases/rel-42',
          severity: 'high',
          topic: 'Slipway: Payments',
          scope: 'slipway-release:rel-42',
        },
      },
    ]);
  });

  it('tells the initiator and the owner of a failure, critically, in the same notification scope', async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.failed',
      occurredAt: at,
      release: release({ status: 'failed' }),
      error: 'production: payments-api is Degraded',
    });
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['user:default/guest', 'group:default/payments-team'],
        },
        payload: expect.objectContaining({
          title: 'Failed: Payments 1.4.3 → Production',
          description: 'production: payments-api is Degraded',
          severity: 'critical',
          scope: 'slipway-release:rel-42',
        }),
      }),
    ]);
  });

  it('names the release that superseded a terminated one; an automatic release tells only the owner', async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.terminated',
      occurredAt: at,
      release: release({ status: 'terminated', initiator: 'engine' }),
      error: 'superseded',
      supersededBy: 'rel-43',
    });
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/payments-team'],
        },
        payload: expect.objectContaining({
          title: 'Terminated: Payments 1.4.3 → Production',
          description: 'superseded — replaced by release rel-43',
          severity: 'high',
        }),
      }),
    ]);
  });

  it('tells the initiator of a success, and the owner too when it reached production', async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.succeeded',
      occurredAt: at,
      release: release({
        status: 'succeeded',
        environments: [{ environment: 'staging', status: 'succeeded' }],
      }),
    });
    await listener.onReleaseEvent({
      type: 'release.succeeded',
      occurredAt: at,
      release: release({ status: 'succeeded' }),
    });
    await listener.onReleaseEvent({
      type: 'release.succeeded',
      occurredAt: at,
      release: release({
        status: 'succeeded',
        initiator: 'engine',
        environments: [{ environment: 'staging', status: 'succeeded' }],
      }),
    });
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['user:default/guest'] },
        payload: expect.objectContaining({
          title: 'Succeeded: Payments 1.4.3 → Staging',
          description: 'Payments 1.4.3 runs in Staging.',
          severity: 'normal',
        }),
      }),
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['user:default/guest', 'group:default/payments-team'],
        },
        payload: expect.objectContaining({
          title: 'Succeeded: Payments 1.4.3 → Production',
          description: 'Payments 1.4.3 runs in Production.',
        }),
      }),
    ]);
  });

  it('sends nothing for progress events, nor an approval without approvers', async () => {
    const { listener, notifications } = notifier();
    const events: ReleaseEvent[] = [
      { type: 'release.created', occurredAt: at, release: release() },
      {
        type: 'release.waiting-for-approval',
        occurredAt: at,
        release: release(),
        environment: 'production',
        phase: 'post',
        approvers: [],
      },
    ];
    for (const event of events) await listener.onReleaseEvent(event);
    expect(notifications.sent).toEqual([]);
  });

  it('tells the initiator when the freeze holding their release ended, in the same scope', async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.freeze.ended',
      occurredAt: at,
      release: release({ status: 'running' }),
      environment: 'production',
      heldSince: '2026-12-04T17:00:00Z',
    });
    // A release the engine started has nobody to tell.
    await listener.onReleaseEvent({
      type: 'release.freeze.ended',
      occurredAt: at,
      release: release({ status: 'running', initiator: 'engine' }),
      environment: 'production',
    });
    expect(notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['user:default/guest'] },
        payload: {
          title: 'Freeze over: Payments 1.4.3 → Production',
          description: 'Production is no longer frozen; the release goes on.',
          link: '/gitops/releases/rel-42',
          severity: 'normal',
          topic: 'Slipway: Payments',
          scope: 'slipway-release:rel-42',
        },
      },
    ]);
  });

  const override = {
    reason: 'payment outage fix',
    requestedBy: 'user:default/bob',
    requestedAt: at,
  };
  const heldByFreeze = release({
    steps: [
      {
        environment: 'production',
        dependsOn: ['staging'],
        action: 'commit',
        status: 'pre-gates',
        applications: [],
        gates: [
          { type: 'freeze-window', phase: 'pre', status: 'waiting', override },
          {
            type: 'manual-approval',
            phase: 'pre',
            status: 'pending',
            approvers: ['user:default/carol'],
          },
        ],
      },
    ],
  });

  it("asks the environment's approvers, not who asked nor the initiator, to approve a freeze override", async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.freeze-override.requested',
      occurredAt: at,
      release: heldByFreeze,
      environment: 'production',
      override,
    });
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [
            'user:default/carol',
            'group:default/production-approvers',
          ],
          excludeEntityRef: ['user:default/bob', 'user:default/guest'],
        },
        payload: {
          title: 'Freeze override asked: Payments 1.4.3 → Production',
          description:
            'bob asks to let this release through the Production freeze: "payment outage fix". It needs a second person\'s approval.',
          link: '/gitops/releases/rel-42',
          severity: 'high',
          topic: 'Slipway: Payments',
          scope: 'slipway-release:rel-42',
        },
      },
    ]);
  });

  it("asks the product's owner when nobody approves promotions into the environment", async () => {
    const { listener, notifications } = notifier();
    await listener.onReleaseEvent({
      type: 'release.freeze-override.requested',
      occurredAt: at,
      release: release({
        environments: [{ environment: 'staging', status: 'pre-gates' }],
      }),
      environment: 'staging',
      override,
    });
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/payments-team'],
          excludeEntityRef: ['user:default/bob', 'user:default/guest'],
        },
      }),
    ]);
  });

  it('tells the initiator, who asked and the approvers that the override was approved', async () => {
    const { listener, notifications } = notifier();
    const approved = {
      ...override,
      approvedBy: 'user:default/ana.ruiz',
      approvedAt: at,
    };
    await listener.onReleaseEvent({
      type: 'release.freeze-override.approved',
      occurredAt: at,
      release: heldByFreeze,
      environment: 'production',
      override: approved,
    });
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [
            'user:default/guest',
            'user:default/bob',
            'user:default/carol',
            'group:default/production-approvers',
          ],
        },
        payload: {
          title: 'Freeze override approved: Payments 1.4.3 → Production',
          description:
            'ana.ruiz let this release through the Production freeze (asked for by bob: "payment outage fix").',
          link: '/gitops/releases/rel-42',
          severity: 'normal',
          topic: 'Slipway: Payments',
          scope: 'slipway-release:rel-42',
        },
      },
    ]);
  });

  it('still notifies, by names, while the delivery config cannot be read', async () => {
    const { listener, notifications, logger } = notifier({
      config: async () => {
        throw new Error('delivery repository unreachable');
      },
    });
    await listener.onReleaseEvent({
      type: 'release.failed',
      occurredAt: at,
      release: release({ status: 'failed' }),
    });
    expect(notifications.sent).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['user:default/guest'] },
        payload: expect.objectContaining({
          title: 'Failed: payments 1.4.3 → production',
          description: 'No reason given.',
        }),
      }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('delivery repository unreachable'),
    );
  });
});
