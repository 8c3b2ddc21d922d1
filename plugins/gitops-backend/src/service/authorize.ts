import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { GITOPS_PRODUCT_RESOURCE_TYPE } from '@slipway/plugin-gitops-common';
import { Request } from 'express';
import {
  ProductTarget,
  productResourceRef,
} from './permissions/productResourceRef';

/** Decides permissions for the router; every refusal is a NotAllowedError (403) that names what was refused. */
export class Authorizer {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
  ) {}

  async basic(
    req: Request<any, any, any, any>,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await this.httpAuth.credentials(req);
    await this.basicFor(credentials, permission);
    return credentials;
  }

  /** `basic` for credentials already resolved (e.g. by `auditedAction`). */
  async basicFor(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  async product(
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof GITOPS_PRODUCT_RESOURCE_TYPE>,
    target: ProductTarget,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: productResourceRef(target) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on product '${target.product}'${
          target.environment ? ` in environment '${target.environment}'` : ''
        }`,
      );
    }
  }
}
