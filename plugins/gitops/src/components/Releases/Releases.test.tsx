import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Route, Routes, useLocation } from 'react-router-dom';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { renderWithGitops } from '../../__testUtils__/render';
import {
  deliveryEnvironments,
  paymentsSummary,
  storefrontSummary,
} from '../../__testUtils__/deliveryFixtures';
import { ReleasesTab } from './ReleasesTab';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { signalsApi } from '../../__testUtils__/signalsApi';
import { gitopsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  allReleases,
  failedRelease,
  succeededRelease,
} from '../../__testUtils__/releaseFixtures';

const WAIT = { timeout: 30_000 };

function PathDisplay() {
  const location = useLocation();
  return (
    <div data-testid="path">
      {location.pathname}
      {location.search}
    </div>
  );
}

function releasesApi(user = 'user:default/alex') {
  return new FakeGitopsApi({
    environments: deliveryEnvironments,
    products: [paymentsSummary, storefrontSummary],
    releases: { releases: allReleases(), user },
  });
}

function renderReleases(
  api: FakeGitopsApi,
  path: string,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderWithGitops(
    <>
      <Routes>
        <Route path="/gitops/releases/*" element={<ReleasesTab />} />
      </Routes>
      <PathDisplay />
    </>,
    { api, permission, initialRoute: path },
  );
}

const rowOf = (id: string) => screen.getByTitle(`Release ${id}`).closest('tr')!;

describe('Releases', () => {
  it('lists releases newest first with status, version, per-environment step status and initiator, and filters them', async () => {
    renderReleases(releasesApi(), '/gitops/releases');
    await screen.findByTitle('Release rel-0003', {}, WAIT);

    const ids = screen
      .getAllByTitle(/^Release rel-/)
      .map(l => l.getAttribute('title')!.slice('Release '.length));
    expect(ids).toEqual(['rel-0003', 'rel-0002', 'rel-0001']);

    // Named by product title, version and target titles, not by its id.
    await waitFor(
      () =>
        expect(screen.getByTitle('Release rel-0003')).toHaveTextContent(
          'Payments 1.4.3 → Staging → Production → dr',
        ),
      WAIT,
    );
    const waiting = rowOf('rel-0003');
    expect(waiting).toHaveTextContent('Waiting');
    expect(waiting).toHaveTextContent('1.4.3');
    expect(waiting).toHaveTextContent('jane');
    expect(within(waiting).getByLabelText('staging: Succeeded')).toBeVisible();
    expect(
      within(waiting).getByLabelText('production: Pre-gates'),
    ).toBeVisible();
    expect(within(waiting).getByLabelText('dr: Pending')).toBeVisible();
    expect(rowOf('rel-0002')).toHaveTextContent('Failed');
    expect(rowOf('rel-0001')).toHaveTextContent('Succeeded');
    expect(rowOf('rel-0001')).toHaveTextContent('4m 30s');

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(
      () =>
        expect(screen.queryByTitle('Release rel-0003')).not.toBeInTheDocument(),
      WAIT,
    );
    expect(screen.getByTitle('Release rel-0002')).toBeVisible();
    expect(screen.getByTestId('path')).toHaveTextContent('status=failed');

    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'Product' }),
      'storefront',
    );
    await waitFor(
      () =>
        expect(
          screen
            .getAllByTitle(/^Release rel-/)
            .map(l => l.getAttribute('title')!.slice('Release '.length)),
        ).toEqual(['rel-0002']),
      WAIT,
    );

    // The link opens the release's page.
    await userEvent.click(screen.getByTitle('Release rel-0002'));
    expect(
      await screen.findByRole('button', { name: 'production: Failed' }, WAIT),
    ).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent(
      '/gitops/releases/rel-0002',
    );
  });

  it('shows a release: the flow as a graph, gates with reasons and countdown, PR and commit links, release notes', async () => {
    renderReleases(releasesApi(), '/gitops/releases/rel-0003');
    const graph = await screen.findByRole(
      'group',
      { name: 'Release flow' },
      WAIT,
    );
    expect(within(graph).getByLabelText('dev: source')).toHaveTextContent(
      'source · 1.4.3',
    );
    const nodes = within(graph)
      .getAllByRole('button')
      .map(b => b.getAttribute('aria-label'));
    expect(nodes).toEqual([
      'staging: Succeeded',
      'production: Pre-gates',
      'dr: Pending',
    ]);
    // Laid out by depth: each step one column right of what it depends on.
    const left = (name: string) =>
      parseFloat(within(graph).getByLabelText(name).style.left);
    expect(left('dev: source')).toBeLessThan(left('staging: Succeeded'));
    expect(left('staging: Succeeded')).toBeLessThan(
      left('production: Pre-gates'),
    );
    expect(left('production: Pre-gates')).toBeLessThan(left('dr: Pending'));
    expect(graph.querySelectorAll('path[marker-end]')).toHaveLength(3);

    const production = screen.getByRole('region', { name: 'Step production' });
    const gates = within(production).getByRole('list', {
      name: 'Gates of production',
    });
    expect(gates).toHaveTextContent('Manual approval: Waiting');
    expect(gates).toHaveTextContent(
      'Needs approval from group:default/production-approvers',
    );
    expect(gates).toHaveTextContent('approvers: production-approvers');
    expect(gates).toHaveTextContent(/Soak: Pending.*ends in \d/);
    expect(
      within(production).getByRole('link', { name: 'PR #42 (open)' }),
    ).toHaveAttribute('href', 'https://github.com/example/manifests/pull/42');
    const staging = screen.getByRole('region', { name: 'Step staging' });
    expect(
      within(staging).getByRole('link', { name: 'c0ffee0' }),
    ).toHaveAttribute(
      'href',
      'https://github.com/example/manifests/commit/c0ffee0000000000000000000000000000000001',
    );
    expect(staging).toHaveTextContent('Healthy · Synced');

    const commits = screen.getByRole('table', { name: 'Commits' });
    expect(commits).toHaveTextContent('PAY-123 retry card captures on timeout');
    expect(commits).toHaveTextContent('Jane Doe');
    expect(screen.getByLabelText('Issue keys')).toHaveTextContent('PAY-123');
    expect(screen.getByRole('table', { name: 'Images' })).toHaveTextContent(
      'ghcr.io/example/payments-api1.4.21.4.3',
    );
    expect(screen.getByText('Product').nextSibling).toHaveTextContent(
      'Payments',
    );
    expect(screen.getByText('Initiator').nextSibling).toHaveTextContent('jane');
    expect(screen.getByText('Kind').nextSibling).toHaveTextContent(
      'flow standard',
    );
  });

  it('approves a waiting release after a confirmation with a comment; its initiator and strangers cannot', async () => {
    // Jane started rel-0003: Approve is disabled for her, and says why before she clicks.
    const api = releasesApi('user:default/jane');
    const view = renderReleases(api, '/gitops/releases/rel-0003');
    const disabled = await screen.findByRole(
      'button',
      { name: 'Approve' },
      WAIT,
    );
    expect(disabled).toBeDisabled();
    expect(disabled).toHaveAccessibleDescription(
      'You started this release, so someone else must approve it',
    );
    (await view).unmount();

    // Sam is in no approver group.
    const stranger = releasesApi('user:default/sam');
    stranger.releases.groups = [];
    const strangerView = renderReleases(stranger, '/gitops/releases/rel-0003');
    expect(
      await screen.findByRole('button', { name: 'Approve' }, WAIT),
    ).toHaveAccessibleDescription(
      'Only group:default/production-approvers may approve this step; user:default/sam is not one of them',
    );
    (await strangerView).unmount();

    // Alex approves, with a comment, after confirming.
    renderReleases(releasesApi(), '/gitops/releases/rel-0003');
    const approve = await screen.findByRole(
      'button',
      { name: 'Approve' },
      WAIT,
    );
    await waitFor(() => expect(approve).toBeEnabled(), WAIT);
    await userEvent.click(approve);
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve Payments 1.4.3 → Staging → Production → dr?',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'CAB approved',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await screen.findByRole('status', {}, WAIT)).toHaveTextContent(
      'Approved Payments 1.4.3 → Staging → Production → dr.',
    );
    await waitFor(
      () =>
        expect(
          screen.getByRole('list', { name: 'Gates of production' }),
        ).toHaveTextContent('Manual approval: Passed'),
      WAIT,
    );
    expect(
      screen.getByRole('list', { name: 'Gates of production' }),
    ).toHaveTextContent('“CAB approved”');
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  }, 90_000);

  it('retries a failed release and terminates a running one', async () => {
    const api = releasesApi();
    renderReleases(api, '/gitops/releases/rel-0002');
    expect(
      await screen.findByRole('button', { name: 'production: Failed' }, WAIT),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Step production' }),
    ).toHaveTextContent(
      'storefront-web-production stayed Degraded for 10m after syncing 1f2e3d4',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('status', {}, WAIT)).toHaveTextContent(
      'Retrying Storefront 2.7.1 → Production.',
    );
    expect(
      await screen.findByRole(
        'button',
        { name: 'production: Committing' },
        WAIT,
      ),
    ).toBeInTheDocument();
    expect((await api.getRelease('rel-0002')).status).toBe('running');

    await userEvent.click(screen.getByRole('button', { name: 'Terminate' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Terminate Storefront 2.7.1 → Production?',
    });
    await userEvent.type(
      within(confirm).getByLabelText('Reason (optional)'),
      'wrong build',
    );
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Terminate release' }),
    );
    expect(
      await screen.findByRole(
        'button',
        { name: 'production: Terminated' },
        WAIT,
      ),
    ).toBeInTheDocument();
    expect((await api.getRelease('rel-0002')).status).toBe('terminated');
    expect(
      screen.queryByRole('button', { name: 'Terminate' }),
    ).not.toBeInTheDocument();
  });

  it('shows the reason the backend gives when it refuses an action', async () => {
    const api = releasesApi();
    // What the HTTP client throws for a 409: its message only names the status, the body has the reason.
    api.retryRelease = async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message:
                'Release rel-0002 is terminated; only a failed release can be retried',
            },
            response: { statusCode: 409 },
          }),
          {
            status: 409,
            statusText: 'Conflict',
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      );
    };
    renderReleases(api, '/gitops/releases/rel-0002');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retry' }, WAIT),
    );
    expect(
      await screen.findByText(
        'Retry failed: Release rel-0002 is terminated; only a failed release can be retried',
        {},
        WAIT,
      ),
    ).toBeInTheDocument();
  });

  it('follows a running release as it advances', async () => {
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary],
      releases: { advance: true },
    });
    await api.createPromotion('payments', {
      from: 'dev',
      to: 'staging',
    });
    renderReleases(api, '/gitops/releases/rel-0001');
    expect(
      await screen.findByRole(
        'button',
        { name: 'staging: Succeeded' },
        { timeout: 60_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByTitle('Release rel-0001').parentElement,
    ).toHaveTextContent('Succeeded');
  }, 90_000);

  it('reloads the list at once when the engine signals a new release', async () => {
    // Only finished releases: the list would otherwise wait 15 s for its next poll.
    const api = new FakeGitopsApi({
      environments: deliveryEnvironments,
      products: [paymentsSummary],
      releases: { releases: [failedRelease(), succeededRelease()] },
    });
    const signals = signalsApi();
    renderInTestApp(
      <Routes>
        <Route path="/gitops/releases/*" element={<ReleasesTab />} />
      </Routes>,
      {
        apis: [
          [gitopsApiRef, api],
          [signalApiRef, signals],
          mockApis.permission(),
        ],
        mountedRoutes: { '/gitops': rootRouteRef },
        initialRouteEntries: ['/gitops/releases'],
      },
    );
    await screen.findByTitle('Release rel-0002', {}, WAIT);
    const { releaseId } = await api.createPromotion('payments', {
      from: 'staging',
      to: 'production',
      version: '1.4.3',
    });
    // A message from outside React (the signals connection): act() lets React apply what it causes.
    act(() =>
      signals.emit('gitops:releases', {
        id: releaseId,
        product: 'payments',
        status: 'queued',
      }),
    );
    await waitFor(
      () =>
        expect(screen.getByTitle(`Release ${releaseId}`)).toBeInTheDocument(),
      { timeout: 10_000 },
    );
  });
});
