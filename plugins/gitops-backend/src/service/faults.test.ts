import type {
  ApplicationSummary,
  ListResponse,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';
import {
  ARGO_PASSWORD,
  K8S_TOKEN,
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../__testUtils__/gitopsBackend';

jest.setTimeout(60_000);

const TIMEOUT_MS = 800;
/** How long the slow runtime takes to answer: far beyond the timeout. */
const SLOW_MS = 5_000;
/** `later-down` waits longer, so a read can be seen to finish while its refresh still waits. */
const LATER_DOWN_TIMEOUT_MS = 4_000;

/**
 * One healthy runtime beside one runtime per fault the simulator can play. Every failing runtime must
 * show up in `errors` with its kind while the healthy one still answers.
 */
describe('partial results when runtimes fail', () => {
  const runtimes: Record<string, TestRuntime> = {};
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;
  const bodies: string[] = [];

  async function get<T>(path: string) {
    const res = await gitops.api().get(`/api/gitops${path}`);
    bodies.push(res.text);
    expect(res.status).toBe(200);
    return { body: res.body as T };
  }

  beforeAll(async () => {
    for (const name of [
      'healthy',
      'later-down',
      'down',
      'slow',
      'error',
      'truncated',
      'wrong-shape',
      'bad-token',
    ]) {
      runtimes[name] = await startRuntime(name, { syntheticApplications: 6 });
    }
    runtimes.down.sim.faults.set({ mode: 'down' });
    runtimes.slow.sim.faults.set({ mode: 'slow', delayMs: SLOW_MS });
    runtimes.error.sim.faults.set({ mode: 'error', status: 503 });
    runtimes.truncated.sim.faults.set({
      mode: 'malformed',
      malformed: 'truncated',
    });
    runtimes['wrong-shape'].sim.faults.set({
      mode: 'malformed',
      malformed: 'wrong-shape',
    });
    gitops = await startGitopsBackend(
      Object.values(runtimes).map(rt =>
        runtimeConfig(rt, {
          timeoutMs:
            rt.sim.name === 'later-down' ? LATER_DOWN_TIMEOUT_MS : TIMEOUT_MS,
          kubernetes: false,
          token:
            rt.sim.name === 'bad-token' ? 'not-the-right-token-123' : undefined,
        }),
      ),
    );
  });

  afterAll(async () => {
    await gitops?.stop();
    await Promise.all(Object.values(runtimes).map(rt => rt.sim.close()));
  });

  const expectedErrors = [
    { runtime: 'bad-token', kind: 'unauthorized' },
    { runtime: 'down', kind: 'unreachable' },
    { runtime: 'error', kind: 'bad-response' },
    { runtime: 'slow', kind: 'timeout' },
    { runtime: 'truncated', kind: 'bad-response' },
    { runtime: 'wrong-shape', kind: 'bad-response' },
  ];

  it('answers a cold load with the healthy runtimes and typed errors', async () => {
    // The slow runtime's `timeout` below shows the answer did not wait for it.
    const { body } = await get<ListResponse<ApplicationSummary>>(
      '/applications',
    );
    expect(new Set(body.items.map(a => a.runtime))).toEqual(
      new Set(['healthy', 'later-down']),
    );
    expect(body.items).toHaveLength(12);
    expect(
      body.errors
        .map(e => ({ runtime: e.runtime, kind: e.kind }))
        .sort((a, b) => a.runtime.localeCompare(b.runtime)),
    ).toEqual(expectedErrors);
    for (const error of body.errors) {
      expect(error.message).toContain(`'${error.runtime}'`);
    }
    expect(body.errors.find(e => e.runtime === 'error')?.message).toContain(
      '503',
    );
  });

  it('does not ask failing runtimes again once warm', async () => {
    // `down` answers again: a read that asked it would now list its 6 applications.
    runtimes.down.sim.faults.reset();
    try {
      const { body } = await get<ListResponse<ApplicationSummary>>(
        '/applications',
      );
      expect(body.errors).toHaveLength(6);
      expect(body.items).toHaveLength(12);
    } finally {
      runtimes.down.sim.faults.set({ mode: 'down' });
    }
  });

  it('serves the last snapshot of a runtime that went down, and says so', async () => {
    const later = runtimes['later-down'].sim;
    later.faults.set({ mode: 'down' });
    await gitops.refresh('later-down');
    const { body } = await get<ListResponse<ApplicationSummary>>(
      '/applications?runtime=later-down',
    );
    expect(body.items).toHaveLength(6);
    expect(body.errors).toEqual([
      expect.objectContaining({ runtime: 'later-down', kind: 'unreachable' }),
    ]);

    // Slow instead of down: a refresh in progress does not hold up reads.
    later.faults.set({ mode: 'slow', delayMs: SLOW_MS });
    let refreshed = false;
    const refreshing = gitops.refresh('later-down').finally(() => {
      refreshed = true;
    });
    const during = await get<ListResponse<ApplicationSummary>>(
      '/applications?runtime=later-down',
    );
    // Answered while the refresh still waits for the runtime.
    expect(refreshed).toBe(false);
    expect(during.body.items).toHaveLength(6);
    await refreshing;
    const after = await get<ListResponse<ApplicationSummary>>(
      '/applications?runtime=later-down',
    );
    expect(after.body.errors[0]).toMatchObject({ kind: 'timeout' });

    later.faults.reset();
    await gitops.refresh('later-down');
    const recovered = await get<ListResponse<ApplicationSummary>>(
      '/applications?runtime=later-down',
    );
    expect(recovered.body.errors).toEqual([]);
  });

  it('shows each failing runtime as unreachable with its last error in runtime health', async () => {
    const { body } = await get<ListResponse<RuntimeHealth>>('/runtimes');
    const byName = Object.fromEntries(body.items.map(r => [r.name, r]));
    expect(byName.healthy).toMatchObject({
      reachable: true,
      version: 'v3.5.1+simulated',
    });
    expect(byName.healthy.lastError).toBeUndefined();
    expect(byName.healthy.applications.total).toBe(6);
    for (const { runtime, kind } of expectedErrors) {
      expect(byName[runtime]).toMatchObject({
        reachable: false,
        lastError: { runtime, kind },
      });
    }
    expect(body.errors.map(e => e.runtime).sort()).toEqual(
      expectedErrors.map(e => e.runtime),
    );
  });

  it('answers 503 for one application of a failing runtime, never 500', async () => {
    const res = await gitops
      .api()
      .get('/api/gitops/applications/down/argocd/anything');
    bodies.push(res.text);
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    const sync = await gitops
      .api()
      .post('/api/gitops/applications/error/argocd/anything/sync')
      .send({});
    bodies.push(sync.text);
    expect(sync.status).toBe(503);
  });

  it('never leaks a token in errors', () => {
    const secrets = [
      ...Object.values(runtimes).map(r => r.token),
      'not-the-right-token-123',
      ARGO_PASSWORD,
      K8S_TOKEN,
    ];
    for (const body of bodies)
      for (const secret of secrets) expect(body).not.toContain(secret);
  });
});
