import { screen, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { gitopsApiRef } from '../../api';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import {
  deliveryEnvironments,
  paymentsSummary,
} from '../../__testUtils__/deliveryFixtures';
import { EnvironmentsBoard } from './EnvironmentsBoard';
import { freezeLabel } from './freezeLabel';

describe('a frozen environment on the board', () => {
  it('says in its column until when it is frozen, and why on hover', async () => {
    const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const environments = deliveryEnvironments.map(e =>
      e.name === 'production'
        ? { ...e, frozen: { reason: 'Production freeze: year-end', until } }
        : e,
    );
    await renderInTestApp(<EnvironmentsBoard />, {
      apis: [
        [
          gitopsApiRef,
          new FakeGitopsApi({ environments, products: [paymentsSummary] }),
        ],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    await screen.findByRole('table', { name: 'Environments board' });
    const label = within(
      screen.getByRole('columnheader', { name: 'Production' }),
    ).getByText(freezeLabel(until, new Date()));
    expect(label).toHaveAttribute('title', 'Production freeze: year-end');
    expect(label.textContent).toMatch(/^frozen until \w+ \d\d:\d\d /);
    expect(
      within(screen.getByRole('columnheader', { name: 'Staging' })).queryByText(
        /frozen until/,
      ),
    ).toBeNull();
  });

  it("tells when a recurring window lifts in that window's time zone, not the viewer's", async () => {
    const until = new Date(Date.now() + 26 * 3_600_000);
    until.setUTCSeconds(0, 0);
    const environments = deliveryEnvironments.map(e =>
      e.name === 'production'
        ? {
            ...e,
            frozen: {
              reason: 'Production freeze: nightly batch',
              until: until.toISOString(),
              timeZone: 'Asia/Kolkata',
            },
          }
        : e,
    );
    await renderInTestApp(<EnvironmentsBoard />, {
      apis: [
        [
          gitopsApiRef,
          new FakeGitopsApi({ environments, products: [paymentsSummary] }),
        ],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    await screen.findByRole('table', { name: 'Environments board' });
    // Kolkata is UTC+05:30 all year.
    const minutes =
      (until.getUTCHours() * 60 + until.getUTCMinutes() + 330) % (24 * 60);
    const local = `${String(Math.floor(minutes / 60)).padStart(
      2,
      '0',
    )}:${String(minutes % 60).padStart(2, '0')}`;
    const label = within(
      screen.getByRole('columnheader', { name: 'Production' }),
    ).getByText(/^frozen until /);
    expect(label.textContent).toMatch(
      new RegExp(`^frozen until \\w+ ${local} Asia/Kolkata$`),
    );
    expect(label).toHaveAttribute('title', 'Production freeze: nightly batch');
  });
});
