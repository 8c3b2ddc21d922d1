import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { Route, Routes } from 'react-router-dom';
import { nonprodRuntime, prodRuntime } from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { RuntimesTab } from '../RuntimesView';

const WAIT = { timeout: 10_000 };

async function renderAt(path: string, api: FakeGitopsApi) {
  // Mounted where the Slipway page mounts the tab, so links between table and page resolve.
  await renderWithGitops(
    <Routes>
      <Route path="/gitops/runtimes/*" element={<RuntimesTab />} />
    </Routes>,
    { api, initialRoute: `/gitops/runtimes${path}` },
  );
}

describe('RuntimePage', () => {
  it('is reached from the runtimes table and shows components, clusters, applications and errors', async () => {
    const api = new FakeGitopsApi({ runtimes: [nonprodRuntime, prodRuntime] });
    await renderAt('/', api);
    const link = await screen.findByRole(
      'link',
      { name: 'Runtime Non-production' },
      WAIT,
    );
    expect(link).toHaveAttribute('href', '/gitops/runtimes/nonprod');
    await userEvent.click(link);

    expect(
      await screen.findByRole('heading', { name: 'Non-production' }, WAIT),
    ).toBeInTheDocument();
    expect(screen.getByText(/Argo CD v3\.5\.1\+simulated/)).toBeInTheDocument();

    const components = screen.getByRole('table', { name: 'Components' });
    const rollouts = within(components)
      .getByText('argo-rollouts')
      .closest('tr')!;
    expect(within(rollouts).getByText('Progressing')).toBeInTheDocument();
    expect(within(rollouts).getByText('1/2')).toBeInTheDocument();
    expect(within(rollouts).getByText('4')).toBeInTheDocument();
    expect(screen.getByText('4 of 5 ready')).toBeInTheDocument();

    const clusters = screen.getByRole('table', { name: 'Clusters' });
    const edge = within(clusters).getByText('edge-eu').closest('tr')!;
    expect(within(edge).getByText('Failed')).toBeInTheDocument();
    expect(
      within(edge).getByText('dial tcp 10.0.4.12:6443: i/o timeout'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 of 2 connected')).toBeInTheDocument();

    const sync = screen.getByRole('table', { name: 'Application sync' });
    const outOfSync = within(sync).getByRole('link', { name: '1' });
    expect(outOfSync).toHaveAttribute(
      'href',
      '/gitops/applications?runtime=nonprod&sync=OutOfSync',
    );
    expect(
      within(screen.getByRole('table', { name: 'Application health' }))
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual(['Healthy1', 'Progressing1', 'Degraded1']);

    // An error the runtime recovered from is still listed, and the card says it recovered.
    expect(screen.getByText('Recovered: answering again')).toBeInTheDocument();
    expect(
      screen.getByText(/could not be reached: ECONNREFUSED/),
    ).toBeInTheDocument();
  });

  it('marks the current error of a failing runtime and says what it cannot check', async () => {
    const api = new FakeGitopsApi({ runtimes: [nonprodRuntime, prodRuntime] });
    await renderAt('/prod', api);
    expect(
      await screen.findByRole('heading', { name: 'Production' }, WAIT),
    ).toBeInTheDocument();
    expect(screen.getByText('Offline')).toBeInTheDocument();
    expect(screen.getByText('Failing now')).toBeInTheDocument();
    const errors = screen.getByRole('table', { name: 'Recent errors' });
    expect(within(errors).getByText('current')).toBeInTheDocument();
    expect(
      within(errors).getByText('Argo CD did not answer within 5000 ms'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/no Kubernetes access is configured/),
    ).toBeInTheDocument();
  });

  it('says so for a runtime that is not configured', async () => {
    await renderAt('/nope', new FakeGitopsApi({ runtimes: [nonprodRuntime] }));
    expect(
      await screen.findByText(
        "Error: No runtime named 'nope'",
        undefined,
        WAIT,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← All runtimes' }),
    ).toHaveAttribute('href', '/gitops/runtimes');
  });
});
