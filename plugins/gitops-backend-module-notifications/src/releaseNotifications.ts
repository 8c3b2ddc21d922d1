import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  DeliveryConfig,
  isManualApprovalGate,
  Release,
  releaseName,
  ReleaseNameTitles,
} from '@slipway/plugin-gitops-common';
import type { ReleaseEvent } from '@slipway/plugin-gitops-node';

/** What a notification says of the product and environments, from the delivery config when read. */
export interface DeliveryFacts extends ReleaseNameTitles {
  /** The product's owner (a group or user entity ref). */
  owner(product: string): string | undefined;
  isProduction(environment: string): boolean;
  /** Who approves promotions into the environment: the approvers of every flow's manual approval there. */
  approvers(environment: string): string[];
}

export function deliveryFacts(config?: DeliveryConfig): DeliveryFacts {
  const products = new Map(config?.products.map(p => [p.name, p]));
  const environments = new Map(config?.environments.map(e => [e.name, e]));
  const approvers = new Map<string, Set<string>>();
  for (const flow of config?.flows ?? []) {
    for (const step of flow.steps) {
      for (const gate of [...step.gates.pre, ...step.gates.post]) {
        if (!isManualApprovalGate(gate)) continue;
        const known = approvers.get(step.environment) ?? new Set<string>();
        gate.approvers.forEach(ref => known.add(ref));
        approvers.set(step.environment, known);
      }
    }
  }
  return {
    product: name => products.get(name)?.title ?? name,
    environment: name => environments.get(name)?.title ?? name,
    owner: name => products.get(name)?.owner,
    isProduction: name => environments.get(name)?.tier === 'production',
    approvers: name => [...(approvers.get(name) ?? [])],
  };
}

const USER_REF = /^user:/;

/** `user:default/ana.ruiz` → `ana.ruiz`: how a notification names a person. */
function personName(ref: string): string {
  return ref.replace(/^user:(default\/)?/, '');
}

/** The initiator when a person started the release (automatic releases are started by `engine`). */
function initiatorOf(release: Release): string | undefined {
  return USER_REF.test(release.initiator) ? release.initiator : undefined;
}

function payload(
  release: Release,
  facts: DeliveryFacts,
  fields: {
    title: string;
    description: string;
    severity: 'critical' | 'high' | 'normal';
  },
): NotificationSendOptions['payload'] {
  return {
    ...fields,
    link: `/gitops/releases/${encodeURIComponent(release.id)}`,
    // One topic per product: people mute a product in their notification settings.
    topic: `Slipway: ${facts.product(release.product)}`,
    // Later events of a release update the notification it already sent instead of adding one.
    scope: `slipway-release:${release.id}`,
  };
}

/**
 * Who approves what happens to a release in an environment: the approvers of the step's own
 * manual approvals and of every flow's manual approval into it; the product's owner when nobody is
 * named.
 */
function environmentApprovers(
  release: Release,
  environment: string,
  facts: DeliveryFacts,
): string[] {
  const step = release.steps.find(s => s.environment === environment);
  const named = [
    ...(step?.gates ?? []).flatMap(g =>
      g.type === 'manual-approval' ? g.approvers ?? [] : [],
    ),
    ...facts.approvers(environment),
  ];
  if (named.length) return [...new Set(named)];
  const owner = facts.owner(release.product);
  return owner ? [owner] : [];
}

const present = (refs: (string | undefined)[]): string[] => [
  ...new Set(refs.filter((ref): ref is string => Boolean(ref))),
];

/**
 * Who hears of a release event, and what they read:
 * - waiting for approval: the gate's approvers (groups resolve to their members), never the initiator;
 * - failed or terminated: the initiator and the product's owner;
 * - succeeded: the initiator, and the product's owner when it reached a production-tier environment;
 * - a freeze that held the release ended: the initiator, who may have waited for it;
 * - an emergency override of a freeze asked for: the environment's approvers (groups resolve to
 *   their members), except who asked and who started the release, as neither may approve it;
 * - the override approved: the initiator, who asked for it, and the environment's approvers.
 * Other events tell nobody.
 */
export function notificationsFor(
  event: ReleaseEvent,
  facts: DeliveryFacts,
): NotificationSendOptions[] {
  const { release } = event;
  const name = releaseName(release, facts);
  const initiator = initiatorOf(release);
  const owner = facts.owner(release.product);
  switch (event.type) {
    case 'release.waiting-for-approval': {
      if (!event.approvers.length) return [];
      return [
        {
          recipients: {
            type: 'entity',
            entityRef: event.approvers,
            ...(initiator ? { excludeEntityRef: initiator } : {}),
          },
          payload: payload(release, facts, {
            title: `Approval needed: ${name}`,
            description: `${facts.environment(
              event.environment,
            )} waits for your approval (${
              event.phase === 'pre' ? 'before' : 'after'
            } the deployment), started by ${personName(release.initiator)}.`,
            severity: 'high',
          }),
        },
      ];
    }
    case 'release.failed':
    case 'release.terminated': {
      const recipients = [initiator, owner].filter((ref): ref is string =>
        Boolean(ref),
      );
      if (!recipients.length) return [];
      const failed = event.type === 'release.failed';
      const superseded =
        event.type === 'release.terminated' && event.supersededBy
          ? `replaced by release ${event.supersededBy}`
          : undefined;
      return [
        {
          recipients: { type: 'entity', entityRef: recipients },
          payload: payload(release, facts, {
            title: `${failed ? 'Failed' : 'Terminated'}: ${name}`,
            description: [
              event.error ?? release.error ?? 'No reason given.',
              superseded,
            ]
              .filter(Boolean)
              .join(' — '),
            severity: failed ? 'critical' : 'high',
          }),
        },
      ];
    }
    case 'release.succeeded': {
      const production = release.environments
        .map(e => e.environment)
        .filter(environment => facts.isProduction(environment));
      const recipients = [initiator, production.length ? owner : undefined];
      const entityRef = [...new Set(recipients)].filter((ref): ref is string =>
        Boolean(ref),
      );
      if (!entityRef.length) return [];
      const where = release.environments.map(e =>
        facts.environment(e.environment),
      );
      return [
        {
          recipients: { type: 'entity', entityRef },
          payload: payload(release, facts, {
            title: `Succeeded: ${name}`,
            description: `${facts.product(release.product)} ${
              release.version
            } runs in ${where.join(', ')}.`,
            severity: 'normal',
          }),
        },
      ];
    }
    case 'release.freeze.ended': {
      if (!initiator) return [];
      return [
        {
          recipients: { type: 'entity', entityRef: [initiator] },
          payload: payload(release, facts, {
            title: `Freeze over: ${name}`,
            description: `${facts.environment(
              event.environment,
            )} is no longer frozen; the release goes on.`,
            severity: 'normal',
          }),
        },
      ];
    }
    case 'release.freeze-override.requested': {
      const approvers = environmentApprovers(release, event.environment, facts);
      if (!approvers.length) return [];
      const excluded = present([event.override.requestedBy, initiator]);
      return [
        {
          recipients: {
            type: 'entity',
            entityRef: approvers,
            excludeEntityRef: excluded,
          },
          payload: payload(release, facts, {
            title: `Freeze override asked: ${name}`,
            description: `${personName(
              event.override.requestedBy,
            )} asks to let this release through the ${facts.environment(
              event.environment,
            )} freeze: "${
              event.override.reason
            }". It needs a second person's approval.`,
            severity: 'high',
          }),
        },
      ];
    }
    case 'release.freeze-override.approved': {
      const entityRef = present([
        initiator,
        USER_REF.test(event.override.requestedBy)
          ? event.override.requestedBy
          : undefined,
        ...environmentApprovers(release, event.environment, facts),
      ]);
      if (!entityRef.length) return [];
      return [
        {
          recipients: { type: 'entity', entityRef },
          payload: payload(release, facts, {
            title: `Freeze override approved: ${name}`,
            description: `${personName(
              event.override.approvedBy ?? 'someone',
            )} let this release through the ${facts.environment(
              event.environment,
            )} freeze (asked for by ${personName(
              event.override.requestedBy,
            )}: "${event.override.reason}").`,
            severity: 'normal',
          }),
        },
      ];
    }
    default:
      return [];
  }
}
