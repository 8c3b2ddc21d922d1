import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of products, so policies can decide on a product's owner and target environment. */
export const GITOPS_PRODUCT_RESOURCE_TYPE = 'gitops-product';

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
