import { render, screen } from '@testing-library/react';
import App from './App';

// The whole app loads its plugins lazily: slow on a busy machine.
jest.setTimeout(60_000);

describe('App', () => {
  it('renders the sign-in page for the sandbox', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Slipway' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The sandbox's guest sign-in, under the app's title.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Slipway' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Enter as a Guest User/)).toBeInTheDocument();
  });
});
