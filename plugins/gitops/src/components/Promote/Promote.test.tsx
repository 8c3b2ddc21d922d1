import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deliveryEnvironments } from '../../__testUtils__/deliveryFixtures';
import {
  WAIT,
  dataTransfer,
  openPromoteMenu,
  promoteApi,
  renderBoard,
} from './__testUtils__/board';

describe('Promote from the environments board', () => {
  it('opens the dialog from a card menu, shows the backend error, previews the diff and opens the new release', async () => {
    const api = promoteApi();
    renderBoard(api);

    const menu = await openPromoteMenu('Staging');
    // Every other environment, in board order.
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map(i => i.textContent),
    ).toEqual(['Promote to Development', 'Promote to Production']);
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: 'Promote to Production' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Promote Payments: Staging → Production',
    });
    expect(within(dialog).getByLabelText('Version')).toHaveValue('');
    expect(
      within(dialog).getByText('Staging runs 1.4.3, 1.4.2: name one'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Commit message')).toHaveValue(
      'Promote payments from Staging to Production',
    );

    // Staging runs two versions: the backend refuses, and its words are shown as they are.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'payments runs no single version in staging; name the version to promote',
    );

    await userEvent.type(within(dialog).getByLabelText('Version'), '1.4.3');
    expect(within(dialog).getByLabelText('Commit message')).toHaveValue(
      'Promote payments 1.4.3 from Staging to Production',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Action'),
      'pull-request',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );

    const changes = await within(dialog).findByRole(
      'region',
      { name: 'Changes to payments-api-production' },
      WAIT,
    );
    const values = within(changes).getByRole('table', {
      name: 'Values of payments-api-production',
    });
    expect(values).toHaveTextContent(
      'apps/payments-api-production/values.yaml$.image.tag1.4.21.4.3',
    );
    const diff = within(changes).getByLabelText(
      'Diff of apps/payments-api-production/values.yaml',
    );
    const removed = diff.querySelector('[data-diff="removed"]');
    const added = diff.querySelector('[data-diff="added"]');
    expect(removed).toHaveTextContent('-tag: 1.4.2');
    expect(added).toHaveTextContent('+tag: 1.4.3');
    expect(
      within(dialog).getByRole('region', {
        name: 'Changes to payments-worker-production',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('path')).toHaveTextContent(
          '/gitops/releases/rel-0001',
        ),
      WAIT,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.releases.requests.at(-1)).toEqual({
      kind: 'create',
      product: 'payments',
      request: {
        from: 'staging',
        to: 'production',
        version: '1.4.3',
        action: 'pull-request',
        message: 'Promote payments 1.4.3 from Staging to Production',
      },
    });
    const release = await api.getRelease('rel-0001');
    expect(release).toMatchObject({
      product: 'payments',
      version: '1.4.3',
      status: 'queued',
    });
  });

  it('opens the dialog prefilled when a card is dropped on another environment', async () => {
    renderBoard(promoteApi());
    const development = await screen.findByRole(
      'cell',
      { name: 'Payments in Development' },
      WAIT,
    );
    const production = screen.getByRole('cell', {
      name: 'Payments in Production',
    });
    const transfer = dataTransfer();
    fireEvent.dragStart(development, { dataTransfer: transfer });
    fireEvent.dragOver(production, { dataTransfer: transfer });
    fireEvent.drop(production, { dataTransfer: transfer });

    const dialog = await screen.findByRole('dialog', {
      name: 'Promote Payments: Development → Production',
    });
    expect(
      within(dialog).getByText(
        'Empty: the version running in Development (1.5.0)',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Another product's card dropped on this row is not a promotion of this product.
    const storefront = screen.getByRole('cell', {
      name: 'Storefront in Development',
    });
    const other = dataTransfer();
    fireEvent.dragStart(storefront, { dataTransfer: other });
    fireEvent.drop(production, { dataTransfer: other });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says when there is nothing to change, and shows the gates that will hold the release', async () => {
    const end = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const api = promoteApi({
      environments: deliveryEnvironments.map(e =>
        e.name === 'production'
          ? {
              ...e,
              freezeWindows: [
                {
                  start: '2026-01-01T00:00:00Z',
                  end,
                  reason: 'End-of-year freeze',
                },
              ],
            }
          : e,
      ),
    });
    api.releases.gates.production = [
      {
        type: 'manual-approval',
        phase: 'pre',
        status: 'pending',
        reason: 'Needs approval from group:default/production-approvers',
      },
    ];
    renderBoard(api);
    const menu = await openPromoteMenu('Staging');
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: 'Promote to Production' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Version'), '1.4.2');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );

    expect(
      await within(dialog).findByText(/Nothing to change/, {}, WAIT),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Promote' }),
    ).toBeDisabled();
    const gates = within(dialog).getByLabelText('Gates');
    expect(gates).toHaveTextContent(
      /Freeze window will hold this release: End-of-year freeze \(lifts in 1h 5\dm\)/,
    );
    expect(gates).toHaveTextContent(
      'Manual approval will hold this release until it passes: Needs approval from group:default/production-approvers',
    );

    // Back to the form, the values are kept.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(within(dialog).getByLabelText('Version')).toHaveValue('1.4.2');
  });
});
