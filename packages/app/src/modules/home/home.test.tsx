import { renderTestApp } from '@backstage/frontend-test-utils';
import homePlugin from '@backstage/plugin-home/alpha';
import gitopsPlugin from '@slipway/plugin-gitops';
import { screen } from '@testing-library/react';
import { homeModule } from './index';

jest.setTimeout(60_000);

// The home grid lays its cards out only once it has measured a width, which jsdom never reports.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    value: 1280,
  });
});

describe('home page', () => {
  // Without a backend the cards show their error states; their contents are the plugin's tests.
  it('serves the Slipway header, a way to all products and the four Slipway cards at /', async () => {
    renderTestApp({
      features: [homePlugin, homeModule, gitopsPlugin],
      initialRouteEntries: ['/'],
    });
    expect(
      await screen.findByText(
        'Waiting for my approval',
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    for (const title of [
      'My products across environments',
      'Recent releases',
      'Failed releases this week',
    ]) {
      expect(await screen.findByText(title)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('heading', { name: 'Slipway' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All products' })).toHaveAttribute(
      'href',
      '/gitops/products',
    );
  });
});
