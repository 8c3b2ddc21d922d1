import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HistoryEntry } from '@slipway/plugin-gitops-common';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  applications,
  paymentsStagingDetail,
  revisionMetadata,
} from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { ApplicationDrawer } from './ApplicationDrawer';
import { AUTO_LOADED_ENTRIES } from './HistoryPanel';

const ref = {
  runtime: 'nonprod',
  namespace: 'argocd',
  name: 'payments-api-staging',
};

function makeApi() {
  return new FakeGitopsApi({
    applications,
    details: [paymentsStagingDetail],
    metadata: revisionMetadata,
  });
}

async function openDrawer(
  api: FakeGitopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  await renderWithGitops(
    <ApplicationDrawer
      appRef={ref}
      uiUrl="https://argocd.nonprod.example.com"
      onClose={() => {}}
    />,
    { api, permission },
  );
  await screen.findByRole('heading', { name: 'payments-api-staging' });
}

describe('ApplicationDrawer', () => {
  it('shows the summary, a deep link to Argo CD, resources as a tree and conditions', async () => {
    await openDrawer(makeApi());

    expect(
      screen.getByRole('link', { name: /Open in Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.nonprod.example.com/applications/argocd/payments-api-staging',
    );
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText('payments-api: raise replicas for load test'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Resources (4)' }));
    const rows = within(screen.getByRole('table', { name: 'Resources' }))
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[0].textContent);
    expect(rows).toEqual(['Deployment', '└ ReplicaSet', '└ Pod', 'Service']);

    await userEvent.click(screen.getByRole('tab', { name: 'Conditions (1)' }));
    expect(screen.getByText('SyncError')).toBeInTheDocument();
  });

  it('shows a resource tree Argo CD did not give as an error, not as an application without resources', async () => {
    const api = makeApi();
    api.details = [
      {
        ...paymentsStagingDetail,
        resources: [],
        resourcesError:
          "Argo CD did not answer: Argo CD of runtime 'nonprod' answered GET resource-tree with 500",
      },
    ];
    await openDrawer(api);

    await userEvent.click(screen.getByRole('tab', { name: 'Resources (?)' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      "The resource tree could not be read. Argo CD did not answer: Argo CD of runtime 'nonprod' answered GET resource-tree with 500",
    );
    expect(
      screen.queryByText(/reported no live resources/),
    ).not.toBeInTheDocument();
  });

  it('loads commit metadata only when the history is opened, and older entries on demand', async () => {
    const api = makeApi();
    // Eight deployments: the newest ones load by themselves, the oldest wait for a click.
    const history: HistoryEntry[] = Array.from({ length: 8 }, (_, i) => ({
      ...paymentsStagingDetail.history[1],
      id: i + 1,
      revision: `${String(i + 1).padStart(2, '0')}${'c'.repeat(38)}`,
    }));
    api.details = [{ ...paymentsStagingDetail, history }];
    for (const entry of history) {
      api.metadata[entry.revision!] = {
        revision: entry.revision!,
        author: `Author ${entry.id}`,
        message: `Change number ${entry.id}`,
        tags: [],
      };
    }
    const getRevisionMetadata = jest.spyOn(api, 'getRevisionMetadata');
    await openDrawer(api);
    expect(getRevisionMetadata).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'History (8)' }));

    expect(await screen.findByText('Change number 8')).toBeInTheDocument();
    await waitFor(() =>
      expect(getRevisionMetadata).toHaveBeenCalledTimes(AUTO_LOADED_ENTRIES),
    );
    expect(screen.getByText('Author 8')).toBeInTheDocument();
    expect(screen.queryByText('Change number 1')).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Deployment history' });
    const ids = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[0].textContent);
    expect(ids).toEqual(['8', '7', '6', '5', '4', '3', '2', '1']);

    const oldest = within(table).getAllByRole('row').pop()!;
    await userEvent.click(
      within(oldest).getByRole('button', { name: 'Show commit' }),
    );
    expect(await screen.findByText('Change number 1')).toBeInTheDocument();
    expect(getRevisionMetadata).toHaveBeenCalledTimes(AUTO_LOADED_ENTRIES + 1);
    expect(getRevisionMetadata).toHaveBeenLastCalledWith(
      ref,
      history[0].revision,
      { sourceIndex: undefined },
    );

    // Switching tabs and back reuses what was loaded.
    await userEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    await userEvent.click(screen.getByRole('tab', { name: 'History (8)' }));
    expect(await screen.findByText('Change number 8')).toBeInTheDocument();
    expect(getRevisionMetadata).toHaveBeenCalledTimes(AUTO_LOADED_ENTRIES + 1);
  });

  it('shows the commit author and message of each deployment', async () => {
    await openDrawer(makeApi());
    await userEvent.click(screen.getByRole('tab', { name: 'History (2)' }));

    expect(
      await screen.findByText('Dana Okafor <dana@example.com>'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('payments-api: raise replicas for load test'),
    ).toBeInTheDocument();
    expect(await screen.findByText(/Lee Park/)).toBeInTheDocument();
    expect(screen.getByText('automated sync')).toBeInTheDocument();
  });

  it('syncs through the API and shows the result', async () => {
    const api = makeApi();
    // Hold the answer back to see the button's progress state.
    let answer: () => void = () => {};
    const gate = new Promise<void>(resolve => (answer = resolve));
    const realSync = api.syncApplication.bind(api);
    const sync = jest
      .spyOn(api, 'syncApplication')
      .mockImplementation(async appRef => {
        await gate;
        return realSync(appRef);
      });
    const getApplication = jest.spyOn(api, 'getApplication');
    await openDrawer(api);
    const loadsBefore = getApplication.mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));

    const busy = await screen.findByRole('button', { name: /Syncing/ });
    expect(busy).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    answer();

    expect(
      await screen.findByText(
        'Sync of payments-api-staging started: operation Running.',
      ),
    ).toBeInTheDocument();
    expect(sync).toHaveBeenCalledWith(ref);
    // The drawer reloads the application to show the new operation.
    await waitFor(() =>
      expect(getApplication.mock.calls.length).toBeGreaterThan(loadsBefore),
    );
  });

  it('shows why a sync failed', async () => {
    const api = makeApi();
    api.actionError = new NotAllowedError(
      'the runtime refused: permission denied',
    );
    await openDrawer(api);

    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));

    expect(
      await screen.findByText(
        'Sync failed: the runtime refused: permission denied',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync' })).toBeEnabled();
  });

  it('refreshes through the API', async () => {
    const api = makeApi();
    const refresh = jest.spyOn(api, 'refreshApplication');
    await openDrawer(api);

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText(
        'Refreshed payments-api-staging: Degraded, out of sync.',
      ),
    ).toBeInTheDocument();
    expect(refresh).toHaveBeenCalledWith(ref);
  });
});
