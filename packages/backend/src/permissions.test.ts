import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { gitopsProductRules } from '@slipway/plugin-gitops-backend';
import {
  gitopsApplicationSyncPermission,
  gitopsAuditReadPermission,
  gitopsConfigWritePermission,
  GitopsProductResource,
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
  gitopsRuntimeReadPermission,
} from '@slipway/plugin-gitops-common';
import {
  readSlipwayPolicyOptions,
  SlipwayPermissionPolicy,
} from './permissions';

const policy = new SlipwayPermissionPolicy(
  readSlipwayPolicyOptions(new ConfigReader({})),
);

/** A signed-in user as the permission backend hands it to the policy. */
function signedIn(userRef: string, groups: string[]) {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials' as const,
      principal: { type: 'user' as const, userEntityRef: userRef },
    },
    info: {
      userEntityRef: userRef,
      ownershipEntityRefs: [userRef, ...groups],
    },
  };
}

const eli = signedIn('user:default/eli.moreau', [
  'group:default/payments-team',
]);
const ben = signedIn('user:default/ben.okafor', [
  'group:default/storefront-team',
]);
const ana = signedIn('user:default/ana.ruiz', [
  'group:default/payments-team',
  'group:default/production-approvers',
]);
const dana = signedIn('user:default/dana.kowalski', [
  'group:default/platform-team',
]);

function payments(environment?: 'dev' | 'production'): GitopsProductResource {
  return {
    product: 'payments',
    owner: 'group:default/payments-team',
    entities: ['system:default/payments'],
    ...(environment
      ? {
          environment,
          tier: environment === 'production' ? 'production' : 'non-production',
        }
      : {}),
  };
}

// The permission framework's own evaluation of conditional decisions with Slipway's rules.
const applies = createConditionAuthorizer<GitopsProductResource>({
  getRuleByName: name =>
    Object.values(gitopsProductRules).find(rule => rule.name === name)! as any,
});

/** Whether the user gets the permission on the resource, as the framework would resolve it. */
async function decide(
  permission: Permission,
  user: ReturnType<typeof signedIn> | undefined,
  resource?: GitopsProductResource,
): Promise<boolean> {
  const decision: PolicyDecision = await policy.handle({ permission }, user);
  return applies(decision, resource);
}

describe('SlipwayPermissionPolicy', () => {
  it('lets every signed-in user read, sync, refresh and read the audit log', async () => {
    for (const permission of [
      gitopsRuntimeReadPermission,
      gitopsApplicationSyncPermission,
      gitopsAuditReadPermission,
    ]) {
      expect(await decide(permission, ben)).toBe(true);
      expect(await decide(permission, undefined)).toBe(false);
    }
  });

  it('lets owners promote their product to non-production environments only', async () => {
    const decision = await policy.handle(
      { permission: gitopsPromotionCreatePermission },
      eli,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(
      await decide(gitopsPromotionCreatePermission, eli, payments('dev')),
    ).toBe(true);
    expect(
      await decide(
        gitopsPromotionCreatePermission,
        eli,
        payments('production'),
      ),
    ).toBe(false);
    // Without a target environment there is no tier to allow.
    expect(await decide(gitopsPromotionCreatePermission, eli, payments())).toBe(
      false,
    );
  });

  it('refuses promotions of products the user does not own', async () => {
    expect(
      await decide(gitopsPromotionCreatePermission, ben, payments('dev')),
    ).toBe(false);
    expect(
      await decide(
        gitopsPromotionCreatePermission,
        ben,
        payments('production'),
      ),
    ).toBe(false);
    expect(
      await decide(gitopsPromotionCreatePermission, dana, payments('dev')),
    ).toBe(false);
  });

  it('lets production approvers promote to every environment', async () => {
    expect(
      await decide(
        gitopsPromotionCreatePermission,
        ana,
        payments('production'),
      ),
    ).toBe(true);
    expect(
      await decide(gitopsPromotionCreatePermission, ana, payments('dev')),
    ).toBe(true);
  });

  it('lets owners manage their releases except steps into production; approvers manage all', async () => {
    expect(await decide(gitopsReleaseManagePermission, eli, payments())).toBe(
      true,
    );
    expect(
      await decide(gitopsReleaseManagePermission, eli, payments('dev')),
    ).toBe(true);
    expect(
      await decide(gitopsReleaseManagePermission, eli, payments('production')),
    ).toBe(false);
    expect(await decide(gitopsReleaseManagePermission, ben, payments())).toBe(
      false,
    );
    expect(
      await decide(gitopsReleaseManagePermission, ana, payments('production')),
    ).toBe(true);
  });

  it('lets only the platform team write delivery config', async () => {
    expect(await decide(gitopsConfigWritePermission, dana)).toBe(true);
    expect(await decide(gitopsConfigWritePermission, ana)).toBe(false);
  });

  it('takes the approver and config writer groups from config', async () => {
    const configured = new SlipwayPermissionPolicy(
      readSlipwayPolicyOptions(
        new ConfigReader({
          gitops: {
            permissions: {
              productionApprovers: 'group:default/release-managers',
              configWriters: ['group:default/payments-team'],
            },
          },
        }),
      ),
    );
    const promote = await configured.handle(
      { permission: gitopsPromotionCreatePermission },
      signedIn('user:default/rm', ['group:default/Release-Managers']),
    );
    expect(promote.result).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await configured.handle(
          { permission: gitopsPromotionCreatePermission },
          ana,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    expect(
      (
        await configured.handle(
          { permission: gitopsConfigWritePermission },
          eli,
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(() =>
      readSlipwayPolicyOptions(
        new ConfigReader({
          gitops: { permissions: { productionApprovers: ['approvers'] } },
        }),
      ),
    ).toThrow(
      'gitops.permissions.productionApprovers must be a group entity ref',
    );
  });

  it("leaves other plugins' permissions allowed and unknown Slipway permissions denied", async () => {
    expect(
      (
        await policy.handle(
          {
            permission: {
              type: 'basic',
              name: 'catalog.entity.create',
              attributes: { action: 'create' },
            },
          },
          ben,
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await policy.handle(
          {
            permission: {
              type: 'basic',
              name: 'gitops.something.new',
              attributes: {},
            },
          },
          dana,
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });
});
