import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search/alpha';
import { MockSearchApi, searchApiRef } from '@backstage/plugin-search-react';
import type { GitopsReleaseSearchDocument } from '@slipway/plugin-gitops-common';
import { screen, within } from '@testing-library/react';
import gitopsPlugin from './index';

const release: GitopsReleaseSearchDocument = {
  title: 'payments 1.4.3 → production',
  text: 'payments 1.4.3 from staging to production: succeeded\nIssues: PAY-123\nabc1234 abc1234def PAY-123 refunds in one click (Dana)',
  location: '/gitops/releases/rel-42',
  releaseId: 'rel-42',
  product: 'payments',
  environment: 'production',
  version: '1.4.3',
  status: 'succeeded',
  issueKeys: ['PAY-123'],
  commits: ['abc1234def'],
};

describe('Slipway releases in the search page', () => {
  it('lists a found release with its status, version and issue keys, linking to the release page', async () => {
    renderTestApp({
      features: [searchPlugin, gitopsPlugin],
      initialRouteEntries: ['/search?query=PAY-123'],
      apis: [
        [
          searchApiRef,
          new MockSearchApi({
            results: [
              { type: 'gitops-release', document: release },
              {
                type: 'software-catalog',
                document: { title: 'payments', text: '', location: '/x' },
              },
            ],
          }),
        ],
        // The search page offers catalog kinds as filters.
        [catalogApiRef, catalogApiMock()],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });

    const link = await screen.findByRole(
      'link',
      { name: 'payments 1.4.3 → production' },
      { timeout: 15_000 },
    );
    expect(link).toHaveAttribute('href', '/gitops/releases/rel-42');
    const item = link.closest('li')!;
    expect(within(item).getByText('Succeeded')).toBeInTheDocument();
    expect(within(item).getByText('Version: 1.4.3')).toBeInTheDocument();
    expect(
      within(item).getByText('Environment: production'),
    ).toBeInTheDocument();
    expect(within(item).getByText('PAY-123')).toBeInTheDocument();
    // "Releases" is one of the result types to filter by.
    expect(screen.getByText('Releases')).toBeInTheDocument();
  });
});
