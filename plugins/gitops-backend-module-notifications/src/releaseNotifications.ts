import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  DeliveryConfig,
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
}

export function deliveryFacts(config?: DeliveryConfig): DeliveryFacts {
  const products = new Map(config?.products.map(p => [p.name, p]));
  const environments = new Map(config?.environments.map(e => [e.name, e]));
  return {
    product: name => products.get(name)?.title ?? name,
    environment: name => environments.get(name)?.title ?? name,
    owner: name => products.get(name)?.owner,
    isProduction: name => environments.get(name)?.tier === 'production',
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
 * Who hears of a release event, and what they read:
 * - waiting for approval: the gate's approvers (groups resolve to their members), never the initiator;
 * - failed or terminated: the initiator and the product's owner;
 * - succeeded: the initiator, and the product's owner when it reached a production-tier environment.
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
    default:
      return [];
  }
}
