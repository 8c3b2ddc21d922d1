import { createPermission } from '@backstage/plugin-permission-common';
import type { EnvironmentTier } from './delivery/environment';

/** Resource type of products, so policies can decide on a product's owner and target environment. */
export const GITOPS_PRODUCT_RESOURCE_TYPE = 'gitops-product';

/**
 * What rules of the `gitops-product` resource type see. Resource refs are `<product>` or
 * `<product>:<environment>` (the environment a change targets); the backend resolves them through the
 * delivery config, so `owner` and `tier` are what the delivery repository says at its current head.
 */
export interface GitopsProductResource {
  product: string;
  /** The product's owner, a full catalog entity ref such as `group:default/payments-team`. */
  owner: string;
  /** Catalog entity refs the product shows on. */
  entities: string[];
  /** Present when the resource ref names an environment. */
  environment?: string;
  /** The tier of `environment`. */
  tier?: EnvironmentTier;
}

/** Names of the permission rules of `gitops-product`, as they appear in conditional decisions. */
export const GITOPS_PRODUCT_RULES = {
  isProductOwner: 'IS_PRODUCT_OWNER',
  hasEnvironmentTier: 'HAS_ENVIRONMENT_TIER',
} as const;

/** See runtime health (`GET /runtimes`). */
export const gitopsRuntimeReadPermission = createPermission({
  name: 'gitops.runtime.read',
  attributes: { action: 'read' },
});

/** See applications across runtimes (`GET /applications...`). */
export const gitopsApplicationReadPermission = createPermission({
  name: 'gitops.application.read',
  attributes: { action: 'read' },
});

/** Ask a runtime to sync an application. */
export const gitopsApplicationSyncPermission = createPermission({
  name: 'gitops.application.sync',
  attributes: { action: 'update' },
});

/** Ask a runtime to refresh (re-compare) an application. */
export const gitopsApplicationRefreshPermission = createPermission({
  name: 'gitops.application.refresh',
  attributes: { action: 'update' },
});

/** Start a promotion of a product's version between environments. */
export const gitopsPromotionCreatePermission = createPermission({
  name: 'gitops.promotion.create',
  attributes: { action: 'create' },
  resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
});

/** Retry, terminate or approve a release. */
export const gitopsReleaseManagePermission = createPermission({
  name: 'gitops.release.manage',
  attributes: { action: 'update' },
  resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
});

/** Read the audit log. */
export const gitopsAuditReadPermission = createPermission({
  name: 'gitops.audit.read',
  attributes: { action: 'read' },
});

/** Write delivery configuration (environments, products, flows). */
export const gitopsConfigWritePermission = createPermission({
  name: 'gitops.config.write',
  attributes: { action: 'update' },
});

export const gitopsPermissions = [
  gitopsRuntimeReadPermission,
  gitopsApplicationReadPermission,
  gitopsApplicationSyncPermission,
  gitopsApplicationRefreshPermission,
  gitopsPromotionCreatePermission,
  gitopsReleaseManagePermission,
  gitopsAuditReadPermission,
  gitopsConfigWritePermission,
];
