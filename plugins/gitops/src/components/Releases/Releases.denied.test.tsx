// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { renderWithGitops } from '../../__testUtils__/render';
import { deliveryEnvironments } from '../../__testUtils__/deliveryFixtures';
import {
  failedRelease,
  waitingRelease,
} from '../../__testUtils__/releaseFixtures';
import { ReleasesTab } from './ReleasesTab';

const WAIT = { timeout: 30_000 };

function renderRelease(id: string) {
  const api = new FakeGitopsApi({
    environments: deliveryEnvironments,
    releases: {
      releases: [waitingRelease(), failedRelease()],
      user: 'user:default/alex',
    },
  });
  renderWithGitops(
    <Routes>
      <Route path="/gitops/releases/*" element={<ReleasesTab />} />
    </Routes>,
    {
      api,
      permission: AuthorizeResult.DENY,
      initialRoute: `/gitops/releases/${id}`,
    },
  );
  return api;
}

describe('Release actions without permission', () => {
  it('disables Approve and Terminate of a waiting release', async () => {
    const api = renderRelease('rel-0003');
    const approve = await screen.findByRole(
      'button',
      { name: 'Approve' },
      WAIT,
    );
    await waitFor(() => expect(approve).toBeDisabled(), WAIT);
    expect(screen.getByRole('button', { name: 'Terminate' })).toBeDisabled();
    expect((await api.getRelease('rel-0003')).status).toBe('waiting');
  });

  it('disables Retry of a failed release', async () => {
    renderRelease('rel-0002');
    const retry = await screen.findByRole('button', { name: 'Retry' }, WAIT);
    await waitFor(() => expect(retry).toBeDisabled(), WAIT);
  });
});
