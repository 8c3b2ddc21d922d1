import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { gitopsApiRef } from './api';
import gitopsPlugin from './index';
import { FakeGitopsApi } from './__testUtils__/FakeGitopsApi';
import { applications, nonprodRuntime } from './__testUtils__/fixtures';
import {
  deliveryEnvironments,
  paymentsSummary,
} from './__testUtils__/deliveryFixtures';

describe('gitops plugin (new frontend system)', () => {
  it('registers the API, the page with its tabs, the entity cards and the Delivery tab', () => {
    expect(gitopsPlugin.id).toBe('gitops');
    for (const id of [
      'api:gitops',
      'page:gitops',
      'sub-page:gitops/environments',
      'sub-page:gitops/products',
      'sub-page:gitops/runtimes',
      'sub-page:gitops/applications',
      'entity-card:gitops/runtime-health',
      'entity-card:gitops/delivery',
      'entity-content:gitops/delivery',
    ]) {
      expect(gitopsPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('serves the Slipway page at /gitops and opens the environments board first', async () => {
    const api = new FakeGitopsApi({
      runtimes: [nonprodRuntime],
      applications,
      environments: deliveryEnvironments,
      products: [paymentsSummary],
    });
    renderTestApp({
      features: [gitopsPlugin],
      initialRouteEntries: ['/gitops'],
      apis: [
        [gitopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });

    expect(
      await screen.findByRole(
        'table',
        { name: 'Environments board' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab').map(t => t.textContent);
    expect(tabs.slice(0, 2)).toEqual(['Environments', 'Products']);
    expect(screen.getAllByText('Slipway').length).toBeGreaterThan(0);
    expect(screen.getByRole('tab', { name: 'Runtimes' })).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Applications' }),
    ).toBeInTheDocument();
  });
});
