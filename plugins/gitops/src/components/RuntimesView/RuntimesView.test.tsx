import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { nonprodRuntime, prodRuntime } from '../../__testUtils__/fixtures';
import { renderWithGitops } from '../../__testUtils__/render';
import { RuntimesView } from './RuntimesView';

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr') as HTMLElement;
}

describe('RuntimesView', () => {
  it('shows an offline runtime with its last error while still listing the others', async () => {
    const api = new FakeGitopsApi({ runtimes: [nonprodRuntime, prodRuntime] });
    await renderWithGitops(<RuntimesView />, { api });

    await screen.findByText('Production');
    const prod = rowOf('Production');
    expect(within(prod).getByText('Offline')).toBeInTheDocument();
    expect(
      within(prod).getByText('timeout: Argo CD did not answer within 5000 ms'),
    ).toBeInTheDocument();

    const nonprod = rowOf('Non-production');
    expect(within(nonprod).getByText('Online')).toBeInTheDocument();
    expect(within(nonprod).getByText('v3.5.1+simulated')).toBeInTheDocument();
    expect(within(nonprod).getByText('4/5 ready')).toBeInTheDocument();
    expect(within(nonprod).getByText('1/2 connected')).toBeInTheDocument();
    expect(
      within(nonprod).getByLabelText(
        'Application health: 1 Healthy, 1 Progressing, 1 Degraded',
      ),
    ).toBeInTheDocument();
    expect(within(nonprod).getByText('1 out of sync')).toBeInTheDocument();
    expect(
      within(nonprod).getByRole('link', {
        name: /Open Non-production in Argo CD/,
      }),
    ).toHaveAttribute('href', 'https://argocd.nonprod.example.com');
  });

  it('lists the components that are not ready on hover', async () => {
    const api = new FakeGitopsApi({ runtimes: [nonprodRuntime] });
    await renderWithGitops(<RuntimesView />, { api });

    await userEvent.hover(await screen.findByText('4/5 ready'));
    expect(
      await screen.findByText(/argo-rollouts: Progressing \(1\/2\)/),
    ).toBeInTheDocument();
  });

  it('names runtimes that failed in a banner and keeps the answers of the others', async () => {
    const api = new FakeGitopsApi({
      runtimes: [nonprodRuntime],
      errors: [
        {
          runtime: 'edge',
          kind: 'unauthorized',
          message: 'Argo CD answered 401',
        },
      ],
    });
    await renderWithGitops(<RuntimesView />, { api });

    expect(
      await screen.findByText('Runtime not answering: edge'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Argo CD answered 401/)).toBeInTheDocument();
    expect(screen.getByText('Non-production')).toBeInTheDocument();
  });

  it('says so when no runtime is configured', async () => {
    await renderWithGitops(<RuntimesView />, { api: new FakeGitopsApi() });
    expect(
      await screen.findByText('No runtimes configured'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when the runtimes cannot be loaded', async () => {
    const api = new FakeGitopsApi();
    jest.spyOn(api, 'getRuntimes').mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'gitops.runtime.read denied',
            },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      ),
    );
    await renderWithGitops(<RuntimesView />, { api });
    expect(
      await screen.findByText(/gitops.runtime.read denied/),
    ).toBeInTheDocument();
  });
});
