import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Release } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { waitingRelease } from '../../__testUtils__/releaseFixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { FreezeOverrideActions } from './FreezeOverrideActions';

const WAIT = { timeout: 20_000 };

/** Payments 1.4.3 held in production by the year-end freeze. */
function frozenRelease(): Release {
  const release = waitingRelease();
  const production = release.steps.find(s => s.environment === 'production')!;
  production.gates = [
    {
      type: 'freeze-window',
      phase: 'pre',
      status: 'waiting',
      reason: 'Production freeze: year-end',
      until: new Date(Date.now() + 86_400_000).toISOString(),
    },
  ];
  return release;
}

/** The page's part: the actions, re-rendered with each answer, as the release page does. */
function Page({ initial }: { initial: Release }) {
  const [release, setRelease] = useState(initial);
  return <FreezeOverrideActions release={release} onDone={setRelease} />;
}

describe('the emergency override of a freeze', () => {
  it('needs a reason to ask, refuses the asker as approver, and lets a second person approve', async () => {
    const release = frozenRelease();
    const api = new FakeGitopsApi({
      releases: { releases: [release], user: 'user:default/bob' },
    });
    await renderWithGitops(<Page initial={release} />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request freeze override' }),
    );
    const ask = screen.getByRole('button', { name: 'Request override' });
    expect(ask).toBeDisabled();
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      'card payments fail without this fix',
    );
    expect(ask).toBeEnabled();
    await userEvent.click(ask);
    expect((await screen.findByRole('status', {}, WAIT)).textContent).toMatch(
      /someone else must approve it/,
    );
    expect(api.releases.releases[0].steps[1].gates[0].override).toMatchObject({
      reason: 'card payments fail without this fix',
      requestedBy: 'user:default/bob',
    });

    // Bob asked, so Bob cannot approve: the backend's refusal is shown.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve freeze override' }),
    );
    expect(
      screen.getByText(/bob asked: “card payments fail without this fix”/),
    ).toBeTruthy();
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve override' }),
    );
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toMatch(
      /You asked for this freeze override/,
    );

    api.releases.user = 'user:default/alice';
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve freeze override' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve override' }),
    );
    await waitFor(
      () =>
        expect(screen.getByRole('status').textContent).toMatch(
          /continues into production/,
        ),
      WAIT,
    );
    expect(
      api.releases.releases[0].steps[1].gates[0].override?.approvedBy,
    ).toBe('user:default/alice');
    // Nothing left to do: the freeze no longer holds the release.
    expect(
      screen.queryByRole('button', { name: /freeze override/ }),
    ).toBeNull();
  });
});
