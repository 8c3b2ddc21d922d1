// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  applications,
  paymentsStagingDetail,
} from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { ApplicationDrawer } from './ApplicationDrawer';

describe('ApplicationDrawer without permission', () => {
  it('disables Sync and Refresh with an explanation', async () => {
    const api = new FakeGitopsApi({
      applications,
      details: [paymentsStagingDetail],
    });
    const sync = jest.spyOn(api, 'syncApplication');
    const refresh = jest.spyOn(api, 'refreshApplication');
    await renderWithGitops(
      <ApplicationDrawer
        appRef={{
          runtime: 'nonprod',
          namespace: 'argocd',
          name: 'payments-api-staging',
        }}
        onClose={() => {}}
      />,
      { api, permission: AuthorizeResult.DENY },
    );
    await screen.findByRole('heading', { name: 'payments-api-staging' });

    const button = screen.getByRole('button', { name: 'Sync' });
    expect(button).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled();

    await userEvent.hover(button.parentElement!);
    expect(
      await screen.findByText('You are not allowed to sync applications'),
    ).toBeInTheDocument();
    // The explanation shows only once the decision arrived; the buttons stay disabled after it.
    expect(screen.getByRole('button', { name: 'Sync' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    expect(sync).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();
  });
});
