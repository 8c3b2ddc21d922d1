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
      await screen.findByText('payments-api: raise replicas for load test'),
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
    // The summary shows the synced (newest) deployment's commit; the rest waits for the history.
    expect(await screen.findByText('Change number 8')).toBeInTheDocument();
    expect(getRevisionMetadata).toHaveBeenCalledTimes(1);

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
      .mockImplementation(async (appRef, request) => {
        await gate;
        return realSync(appRef, request);
      });
    const getApplication = jest.spyOn(api, 'getApplication');
    await openDrawer(api);
    const loadsBefore = getApplication.mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Sync payments-api-staging',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Synchronize' }),
    );

    const busy = await screen.findByRole('button', { name: /Syncing/ });
    expect(busy).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    answer();

    expect(
      await screen.findByText(
        'Sync of payments-api-staging started: operation Running.',
      ),
    ).toBeInTheDocument();
    // Prune, dry run and force are off and every resource is synced unless chosen otherwise.
    expect(sync).toHaveBeenCalledWith(ref, {});
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
    await userEvent.click(
      await screen.findByRole('button', { name: 'Synchronize' }),
    );

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

  it("shows the synced revision's commit, not the newer head Argo CD compares against", async () => {
    const api = makeApi();
    const head = 'f'.repeat(40);
    api.details = [
      {
        ...paymentsStagingDetail,
        sync: { status: 'OutOfSync', revision: head },
        revisionMessage: 'payments-api: 1.5.0 (not deployed)',
      },
    ];
    api.metadata[head] = {
      revision: head,
      message: 'payments-api: 1.5.0 (not deployed)',
      tags: [],
    };
    await openDrawer(api);
    expect(
      await screen.findByText('payments-api: raise replicas for load test'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Dana Okafor <dana@example.com>'),
    ).toBeInTheDocument();
    expect(screen.getByText('fffffff')).toBeInTheDocument();
    expect(
      screen.getByText(/newer in Git, not synced yet/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('payments-api: 1.5.0 (not deployed)'),
    ).not.toBeInTheDocument();
  });

  it('syncs with the chosen options and only the selected resources', async () => {
    const api = makeApi();
    await openDrawer(api);
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    for (const option of ['Prune', 'Dry run', 'Force apply']) {
      expect(
        within(dialog).getByRole('checkbox', { name: option }),
      ).not.toBeChecked();
    }
    const resources = within(dialog).getByRole('group', {
      name: 'Resources to sync',
    });
    // Only what Argo CD manages can be selected, not the ReplicaSets and Pods below it.
    expect(
      within(resources)
        .getAllByRole('checkbox')
        .map(c => c.closest('label')!.textContent),
    ).toEqual(['Deployment/payments-api', 'Service/payments-api']);

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Prune' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Dry run' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Out of sync' }),
    );
    expect(
      within(resources).getByRole('checkbox', { name: 'Service/payments-api' }),
    ).not.toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Dry run' }),
    );

    expect(
      await screen.findByText(
        'Dry run of payments-api-staging started: operation Running.',
      ),
    ).toBeInTheDocument();
    expect(api.syncRequests).toEqual([
      {
        ref,
        request: {
          prune: true,
          dryRun: true,
          resources: [
            {
              group: 'apps',
              kind: 'Deployment',
              namespace: 'payments-staging',
              name: 'payments-api',
            },
          ],
        },
      },
    ]);
  });

  it('asks to confirm a sync of production by name, and Cancel syncs nothing', async () => {
    const api = makeApi();
    api.details = [
      {
        ...paymentsStagingDetail,
        environment: 'production',
        environmentTier: 'production',
      },
    ];
    await openDrawer(api);
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'This changes production: payments-api-staging runs in the production environment "production" on runtime nonprod.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.syncRequests).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync production' }),
    );
    await waitFor(() =>
      expect(api.syncRequests).toEqual([{ ref, request: {} }]),
    );
  });

  it('shows the live-versus-desired diff of out-of-sync resources', async () => {
    const api = makeApi();
    api.managedResources['payments-api-staging'] = [
      {
        group: '',
        kind: 'Service',
        namespace: 'payments-staging',
        name: 'payments-api',
        modified: false,
      },
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'payments-staging',
        name: 'payments-api',
        modified: true,
        diff: [
          '--- a/Deployment/payments-api.yaml',
          '+++ b/Deployment/payments-api.yaml',
          '@@ -10,1 +10,1 @@',
          '-        image: ghcr.io/slipway-sandbox/payments-api:1.4.1',
          '+        image: ghcr.io/slipway-sandbox/payments-api:1.4.2',
        ].join('\n'),
      },
    ];
    await openDrawer(api);
    await userEvent.click(
      screen.getByRole('tab', { name: 'Diff (out of sync)' }),
    );
    const diff = await screen.findByLabelText(
      'Live versus desired Deployment/payments-api',
    );
    const lines = (kind: string) =>
      [...diff.querySelectorAll(`[data-diff="${kind}"]`)].map(
        l => l.textContent,
      );
    expect(lines('removed')).toEqual([
      '-        image: ghcr.io/slipway-sandbox/payments-api:1.4.1',
    ]);
    expect(lines('added')).toEqual([
      '+        image: ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    expect(
      screen.queryByLabelText(/Service\/payments-api/),
    ).not.toBeInTheDocument();
  });

  it('lists the events of the application and of a chosen resource', async () => {
    const api = makeApi();
    api.events['payments-api-staging'] = [
      {
        type: 'Normal',
        reason: 'OperationCompleted',
        message: 'Sync operation to 8e1d0c9 succeeded',
        involvedObject: { kind: 'Application', name: 'payments-api-staging' },
        source: 'argocd-application-controller',
        count: 1,
        lastTimestamp: '2026-11-22T00:51:10Z',
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container payments-api',
        involvedObject: { kind: 'Pod', name: 'payments-api-7c9f8d6b5-x2x8q' },
        source: 'kubelet',
        count: 14,
        lastTimestamp: '2026-11-22T01:20:00Z',
      },
    ];
    await openDrawer(api);
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(
      await screen.findByText('Sync operation to 8e1d0c9 succeeded'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Back-off restarting/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Events of/ }));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Pod/payments-api-7c9f8d6b5-x2x8q',
      }),
    );
    const row = (await screen.findByText(/Back-off restarting/)).closest('tr')!;
    expect(within(row).getByText('Warning')).toBeInTheDocument();
    expect(within(row).getByText('14')).toBeInTheDocument();
  });
});
