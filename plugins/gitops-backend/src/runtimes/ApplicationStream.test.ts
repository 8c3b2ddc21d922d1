import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  chart,
  createManifestRepo,
  ManifestRepo,
} from '../__testUtils__/gitRepo';
import { startRuntime, TestRuntime } from '../__testUtils__/gitopsBackend';
import { waitFor } from '../__testUtils__/waitFor';
import { ApplicationStream } from './ApplicationStream';
import { ArgoCdClient } from './ArgoCdClient';
import { RuntimeApplications } from './RuntimeApplications';
import { RuntimeState } from './RuntimeState';

jest.setTimeout(90_000);

/** The watch stream against the simulator; the scheduled refresh never runs in these tests. */
describe('ApplicationStream', () => {
  let manifests: ManifestRepo;
  let runtime: TestRuntime;
  let applications: RuntimeApplications;
  let stream: ApplicationStream;
  let client: ArgoCdClient;
  /** Short, so a timeout that wrongly ends the open stream shows within the test. */
  const timeoutMs = 500;

  beforeAll(async () => {
    manifests = await createManifestRepo();
    await manifests.commit(chart('web', 'dev', '1.0.0'), 'web 1.0.0');
    runtime = await startRuntime('streamed', {
      applications: [
        {
          metadata: { name: 'web-dev', namespace: 'argocd' },
          spec: {
            project: 'default',
            source: {
              repoURL: manifests.repoURL,
              path: 'apps/web/dev',
              targetRevision: 'main',
            },
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace: 'web',
            },
            syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        },
      ],
    });
    const config = {
      name: 'streamed',
      title: 'Streamed',
      url: runtime.sim.url,
      uiUrl: runtime.sim.url,
      auth: { token: runtime.token },
      timeoutMs,
      concurrency: 3,
      refreshIntervalSeconds: 3600,
    };
    client = new ArgoCdClient(config);
    applications = listedApplications();
    await applications.read();
    stream = new ApplicationStream(
      client,
      applications,
      mockServices.logger.mock(),
    );
    stream.start();
    await waitFor(() => stream.mode === 'stream', 30_000);
  });

  /** A fresh application list of the runtime, on its own cache. */
  function listedApplications() {
    return new RuntimeApplications(
      client,
      {
        runtime: 'streamed',
        uiUrl: runtime.sim.url,
        defaultNamespace: 'argocd',
      },
      new RuntimeState(),
      CacheManager.fromConfig(
        new ConfigReader({ backend: { cache: { store: 'memory' } } }),
      ).forPlugin(`gitops-stream-${Math.random()}`),
      mockServices.logger.mock(),
      3600_000,
    );
  }

  afterAll(async () => {
    stream?.stop();
    await runtime?.sim.close();
    await manifests?.cleanup();
  });

  const app = () => applications.current()!.get('argocd', 'web-dev')!;

  it('keeps delivering changes after the request timeout has passed', async () => {
    await waitFor(() => app().sync.status === 'Synced', 30_000);
    // Well past the request timeout: the open stream must not be cut by it.
    await new Promise(r => setTimeout(r, 4 * timeoutMs));
    expect(stream.mode).toBe('stream');
    const head = await manifests.commit(
      chart('web', 'dev', '1.1.0'),
      'web 1.1.0',
    );
    await waitFor(
      () =>
        app().sync.status === 'Synced' &&
        app().sync.revision === head &&
        app().health.status === 'Healthy',
      30_000,
    );
  });

  it('catches up on changes made while the stream was disconnected', async () => {
    runtime.sim.faults.set({ mode: 'down' });
    await waitFor(() => stream.mode === 'polling', 30_000);
    // Changed while no stream is open: no event for it is ever sent.
    runtime.sim.faults.setApplicationHealth('web-dev', { status: 'Degraded' });
    runtime.sim.faults.set({ mode: 'none' });
    await waitFor(() => app().health.status === 'Degraded', 60_000);
    expect(stream.mode).toBe('stream');
    runtime.sim.faults.setApplicationHealth('web-dev', undefined);
    await waitFor(() => app().health.status === 'Healthy', 30_000);
  });

  it('catches up on a change made after the first list, before the stream first connected', async () => {
    const late = listedApplications();
    await late.read();
    // Argo CD sends no event for this to a watch that starts afterwards.
    runtime.sim.faults.setApplicationHealth('web-dev', { status: 'Degraded' });
    const lateStream = new ApplicationStream(
      client,
      late,
      mockServices.logger.mock(),
    );
    lateStream.start();
    try {
      await waitFor(
        () =>
          late.current()!.get('argocd', 'web-dev')!.health.status ===
          'Degraded',
        30_000,
      );
    } finally {
      lateStream.stop();
      runtime.sim.faults.setApplicationHealth('web-dev', undefined);
    }
  });
});
