// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  dataTransfer,
  openPromoteMenu,
  promoteApi,
  renderBoard,
} from './__testUtils__/board';

describe('Promote without permission', () => {
  it('disables promoting into environments the user may not promote to', async () => {
    const api = promoteApi();
    renderBoard(api, AuthorizeResult.DENY);
    const menu = await openPromoteMenu('Staging');
    const item = within(menu).getByRole('menuitem', {
      name: 'Promote to Production',
    });
    await waitFor(() => expect(item).toHaveAttribute('aria-disabled', 'true'));

    // A drop still opens the dialog, which explains why it cannot promote.
    const transfer = dataTransfer();
    await userEvent.keyboard('{Escape}');
    fireEvent.dragStart(
      screen.getByRole('cell', { name: 'Payments in Development' }),
      {
        dataTransfer: transfer,
      },
    );
    fireEvent.drop(screen.getByRole('cell', { name: 'Payments in Staging' }), {
      dataTransfer: transfer,
    });
    const dialog = await screen.findByRole('dialog', {
      name: 'Promote Payments: Development → Staging',
    });
    expect(
      await within(dialog).findByText(
        'You are not allowed to promote payments to Staging.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    await within(dialog).findByRole('region', {
      name: 'Changes to payments-api-staging',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Promote' }),
    ).toBeDisabled();
    expect(api.releases.releases).toHaveLength(0);
  });
});
