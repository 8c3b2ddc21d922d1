/** The environments board with the fake backend, for the promote tests. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { useLocation } from 'react-router-dom';
import { FakeGitopsApi } from '../../../__testUtils__/FakeGitopsApi';
import { renderWithGitops } from '../../../__testUtils__/render';
import {
  deliveryEnvironments,
  paymentsDetail,
  paymentsSummary,
  storefrontSummary,
} from '../../../__testUtils__/deliveryFixtures';
import { EnvironmentsBoard } from '../../EnvironmentsBoard';

export const WAIT = { timeout: 30_000 };

export function PathDisplay() {
  return <div data-testid="path">{useLocation().pathname}</div>;
}

export function promoteApi(overrides: Partial<FakeGitopsApi> = {}) {
  return Object.assign(
    new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary, storefrontSummary],
      productDetails: [paymentsDetail],
    }),
    overrides,
  );
}

export function renderBoard(
  api: FakeGitopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderWithGitops(
    <>
      <EnvironmentsBoard />
      <PathDisplay />
    </>,
    { api, permission, initialRoute: '/gitops/environments' },
  );
}

export async function openPromoteMenu(from: string) {
  await userEvent.click(
    await screen.findByRole(
      'button',
      { name: `Promote Payments from ${from}` },
      WAIT,
    ),
  );
  return screen.findByRole('menu', { name: `Promote Payments from ${from}` });
}

/** A DataTransfer as far as the board uses it (jsdom has none). */
export function dataTransfer() {
  const data: Record<string, string> = {};
  return {
    get types() {
      return Object.keys(data);
    },
    setData: (type: string, value: string) => {
      data[type] = value;
    },
    getData: (type: string) => data[type] ?? '',
    dropEffect: 'none',
    effectAllowed: 'all',
  };
}
