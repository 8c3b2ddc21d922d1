import { mockServices } from '@backstage/backend-test-utils';
import type {
  ApplicationDetail,
  ApplicationSummary,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../__testUtils__/gitopsBackend';
import { waitFor } from '../__testUtils__/waitFor';

jest.setTimeout(60_000);

/**
 * What a user sees when one part of a runtime fails while the rest answers: the failure, named and
 * placed, never an empty result that looks like a fact.
 */
describe('a runtime that fails in one place', () => {
  const logger = mockServices.logger.mock();
  let runtime: TestRuntime;
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;

  const health = async () =>
    (await gitops.api().get('/api/gitops/runtimes/flaky').expect(200))
      .body as RuntimeHealth;
  const warnings = () =>
    logger.warn.mock.calls.map(([message]) => String(message));

  beforeAll(async () => {
    // Every component's child logger is this one, so the test sees every line.
    logger.child.mockImplementation(() => logger);
    runtime = await startRuntime('flaky', { syntheticApplications: 3 });
    gitops = await startGitopsBackend([runtimeConfig(runtime)], {
      features: [logger.factory],
    });
    await gitops.refresh('flaky');
  });

  afterEach(() => runtime.sim.faults.reset());

  afterAll(async () => {
    await gitops?.stop();
    await runtime?.sim.close();
  });

  it('shows a resource tree Argo CD did not give as an error on the application, not as no resources', async () => {
    const list = await gitops
      .api()
      .get('/api/gitops/applications?runtime=flaky')
      .expect(200);
    const [app] = list.body.items as ApplicationSummary[];
    const path = `/api/gitops/applications/flaky/${app.namespace}/${app.name}`;
    const healthy = (await gitops.api().get(path).expect(200))
      .body as ApplicationDetail;
    expect(healthy.resources.length).toBeGreaterThan(0);
    expect(healthy.resourcesError).toBeUndefined();

    runtime.sim.faults.set({
      mode: 'error',
      status: 500,
      path: '/resource-tree',
    });
    const detail = (await gitops.api().get(path).expect(200))
      .body as ApplicationDetail;
    expect(detail.name).toBe(app.name);
    expect(detail.resources).toEqual([]);
    expect(detail.resourcesError).toBe(
      `Argo CD did not answer: Argo CD of runtime 'flaky' answered GET /api/v1/applications/${app.name}/resource-tree with 500: simulated failure: Internal Server Error`,
    );
  });

  it('counts watch-stream failures in the runtime health and warns with the runtime name', async () => {
    // The stream must be open first, so that there is a connection to drop.
    const before = await waitFor(async () => {
      const h = await health();
      return h.freshness.mode === 'stream' && h;
    });
    // Drops the open stream; reconnecting is refused.
    runtime.sim.faults.set({ mode: 'down', path: '/stream/' });
    runtime.sim.faults.set({ mode: 'error', status: 503, path: '/stream/' });
    // The dropped connection and the refused reconnect.
    const failing = await waitFor(async () => {
      const h = await health();
      return (
        / with 503/.test(h.freshness.lastStreamError ?? '') &&
        h.freshness.streamFailures >= before.freshness.streamFailures + 2 &&
        h
      );
    });
    expect(failing.freshness.mode).toBe('polling');
    expect(failing.freshness.lastStreamError).toMatch(
      /^Argo CD of runtime 'flaky' answered .*stream.* with 503/,
    );
    expect(warnings()).toContainEqual(
      expect.stringMatching(
        /^Application stream of runtime 'flaky' failed; polling until it reconnects: Argo CD of runtime 'flaky' answered .* with 503/,
      ),
    );
  });

  it('counts malformed stream frames in the runtime health and warns with the runtime name', async () => {
    runtime.sim.faults.set({ mode: 'down', path: '/stream/' });
    runtime.sim.faults.set({ mode: 'malformed', path: '/stream/' });
    const malformed = await waitFor(async () => {
      const h = await health();
      return h.freshness.malformedFrames > 0 && h;
    });
    expect(malformed.freshness.malformedFrames).toBeGreaterThan(0);
    expect(warnings()).toContainEqual(
      expect.stringMatching(
        /^Application stream of runtime 'flaky' sent a frame that is not JSON; skipped it \(\{"metadata"/,
      ),
    );
  });

  it('shows a Kubernetes permission error as "cannot read components: forbidden", not as missing components', async () => {
    runtime.sim.faults.set({ mode: 'none', kubernetes: 'forbidden' });
    await gitops.refresh('flaky');
    const { components } = await health();
    expect(components).toEqual({
      ready: 0,
      total: 0,
      items: [],
      error:
        "cannot read components: forbidden (403 from the Kubernetes API on namespace 'argocd')",
    });
  });
});
