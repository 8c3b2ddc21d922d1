// usePermission keeps its answers in a module-wide cache, so the "denied" case lives in its own test
// file (its own module registry) instead of next to tests that were allowed.
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { auditEvents } from './__testUtils__/auditEvents';
import { renderAudit } from './__testUtils__/renderAudit';
import { AuditView } from './AuditView';

describe('AuditView without permission', () => {
  it('tells a user without the audit permission that they may not read the log, and reads nothing', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    const getAuditEvents = jest.spyOn(api, 'getAuditEvents');
    await renderAudit(<AuditView />, { api, permission: AuthorizeResult.DENY });

    expect(
      await screen.findByText('You may not read the audit log'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Audit events' }),
    ).not.toBeInTheDocument();
    expect(getAuditEvents).not.toHaveBeenCalled();
  });
});
