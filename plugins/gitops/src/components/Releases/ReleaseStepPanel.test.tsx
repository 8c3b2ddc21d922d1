import { screen, within } from '@testing-library/react';
import type { ReleaseStep } from '@slipway/plugin-gitops-common';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { renderWithGitops } from '../../__testUtils__/render';
import { ReleaseStepPanel } from './ReleaseStepPanel';

const step: ReleaseStep = {
  environment: 'prod',
  dependsOn: ['staging'],
  action: 'commit',
  status: 'post-gates',
  applications: [],
  gates: [
    {
      type: 'callback',
      name: 'change-approval',
      phase: 'pre',
      status: 'passed',
      callback: {
        outcome: 'approved',
        by: 'CAB',
        reason: 'low risk',
        url: 'https://tickets.example.test/CHG-7',
        at: new Date().toISOString(),
      },
    },
    {
      type: 'http-check',
      phase: 'post',
      status: 'waiting',
      reason:
        'Checking again: https://ci.example.test/checks answered 503: {"state":"running"} (expected 200)',
    },
  ],
};

describe('a release step’s outside gates', () => {
  it('shows the external check’s last answer and who decided the callback, linking to their record', async () => {
    await renderWithGitops(<ReleaseStepPanel step={step} />, {
      api: new FakeGitopsApi(),
    });
    const check = screen.getByRole('listitem', {
      name: 'External check gate',
    });
    expect(within(check).getByText('External check: Waiting')).toBeTruthy();
    expect(
      within(check).getByText(/answered 503: \{"state":"running"\}/),
    ).toBeTruthy();

    const callback = screen.getByRole('listitem', {
      name: 'Callback change-approval gate',
    });
    expect(within(callback).getByText(/approved by CAB/)).toBeTruthy();
    expect(within(callback).getByText(/“low risk”/)).toBeTruthy();
    expect(
      within(callback).getByRole('link', { name: 'record' }),
    ).toHaveAttribute('href', 'https://tickets.example.test/CHG-7');
  });
});
