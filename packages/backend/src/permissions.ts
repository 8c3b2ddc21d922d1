import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createGitopsProductConditionalDecision,
  gitopsProductConditions,
} from '@slipway/plugin-gitops-backend';
import {
  gitopsApplicationReadPermission,
  gitopsApplicationRefreshPermission,
  gitopsApplicationSyncPermission,
  gitopsAuditReadPermission,
  gitopsConfigWritePermission,
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
  gitopsRuntimeReadPermission,
} from '@slipway/plugin-gitops-common';

export interface SlipwayPolicyOptions {
  /** Group refs whose members may promote to production and manage any release. */
  productionApprovers: string[];
  /** Group refs whose members may write delivery config. */
  configWriters: string[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function groupRefs(config: Config, key: string, fallback: string): string[] {
  const value = config.getOptional(key);
  if (value === undefined) return [fallback];
  const refs = Array.isArray(value) ? value : [value];
  if (!refs.every(ref => typeof ref === 'string' && ref.includes(':'))) {
    throw new Error(
      `${key} must be a group entity ref or a list of them, e.g. ${fallback}`,
    );
  }
  return refs as string[];
}

/** Reads `gitops.permissions.productionApprovers` and `gitops.permissions.configWriters`. */
export function readSlipwayPolicyOptions(config: Config): SlipwayPolicyOptions {
  return {
    productionApprovers: groupRefs(
      config,
      'gitops.permissions.productionApprovers',
      'group:default/production-approvers',
    ),
    configWriters: groupRefs(
      config,
      'gitops.permissions.configWriters',
      'group:default/platform-team',
    ),
  };
}

/**
 * The portal's permission policy.
 *
 * Slipway (`gitops.*` permissions), for signed-in users:
 * - reading runtimes, applications, products and the audit log: everyone. The audit log answers "who
 *   changed production and why", which every engineer may ask; restrict it here to an auditors group
 *   if your organisation needs to.
 * - sync and refresh of applications: everyone. They only ask Argo CD to converge on what Git already
 *   says; Git is where changes are guarded.
 * - promotions: production approvers may promote to every environment (so they can walk a release from
 *   development to production); everyone else only to non-production environments of products they
 *   own (`owner` in products/<name>.yaml, through their user or group refs).
 * - managing releases (approve, retry, terminate): production approvers for every release; owners for
 *   their products, except steps into production (an owner cannot approve their own way into
 *   production).
 * - writing delivery config: the config writer groups (platform team).
 * - any other `gitops.*` permission: denied until this policy decides it.
 *
 * Other plugins' permissions are allowed, as the sandbox has no other rules to show.
 */
export class SlipwayPermissionPolicy implements PermissionPolicy {
  private readonly approvers: Set<string>;
  private readonly configWriters: Set<string>;

  constructor(options: SlipwayPolicyOptions) {
    this.approvers = new Set(options.productionApprovers.map(lower));
    this.configWriters = new Set(options.configWriters.map(lower));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('gitops.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Service-to-service calls never reach the policy; a request without a user is not signed in.
    if (!user) return { result: AuthorizeResult.DENY };

    const claims = user.info.ownershipEntityRefs;
    const memberOf = (groups: Set<string>) =>
      claims.some(ref => groups.has(lower(ref)));
    const allow = { result: AuthorizeResult.ALLOW } as const;
    const deny = { result: AuthorizeResult.DENY } as const;

    if (
      [
        gitopsRuntimeReadPermission,
        gitopsApplicationReadPermission,
        gitopsApplicationSyncPermission,
        gitopsApplicationRefreshPermission,
        gitopsAuditReadPermission,
      ].some(p => isPermission(permission, p))
    ) {
      return allow;
    }
    if (isPermission(permission, gitopsPromotionCreatePermission)) {
      if (memberOf(this.approvers)) return allow;
      return createGitopsProductConditionalDecision(permission, {
        allOf: [
          gitopsProductConditions.isProductOwner({ claims }),
          gitopsProductConditions.hasEnvironmentTier({
            tier: 'non-production',
          }),
        ],
      });
    }
    if (isPermission(permission, gitopsReleaseManagePermission)) {
      if (memberOf(this.approvers)) return allow;
      return createGitopsProductConditionalDecision(permission, {
        allOf: [
          gitopsProductConditions.isProductOwner({ claims }),
          {
            not: gitopsProductConditions.hasEnvironmentTier({
              tier: 'production',
            }),
          },
        ],
      });
    }
    if (isPermission(permission, gitopsConfigWritePermission)) {
      return memberOf(this.configWriters) ? allow : deny;
    }
    return deny;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'slipway-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new SlipwayPermissionPolicy(readSlipwayPolicyOptions(config)),
        );
      },
    });
  },
});
