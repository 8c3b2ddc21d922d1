import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { FakeGitopsApi } from '../../../__testUtils__/FakeGitopsApi';
import { paymentsSystem } from '../../../__testUtils__/deliveryFixtures';
import { EntityDeliveryContent } from '../EntityDeliveryContent';

/** The payments System's Delivery tab, with or without a Slipway page mounted to link to. */
export function renderDelivery(
  api: FakeGitopsApi,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    slipwayPage?: boolean;
  } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={paymentsSystem}>
      <EntityDeliveryContent />
    </EntityProvider>,
    {
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({
          authorize: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.slipwayPage ? { '/gitops': rootRouteRef } : {}),
      },
    },
  );
}
