import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { startSimulator } from '@slipway/runtime-simulator';
import type {
  RunningSimulator,
  SimulatorOptions,
} from '@slipway/runtime-simulator';
import request from 'supertest';
import { gitopsPlugin } from '../plugin';

export const ARGO_TOKEN_PREFIX = 'argo-secret-token';
export const K8S_TOKEN = 'k8s-secret-token-7f3a';
export const ARGO_PASSWORD = 'argo-secret-password-91b2';

export interface TestRuntime {
  sim: RunningSimulator;
  token: string;
}

/** Starts one simulated runtime that accepts a token unique to it (and admin / ARGO_PASSWORD). */
export async function startRuntime(
  name: string,
  options: Partial<SimulatorOptions> = {},
): Promise<TestRuntime> {
  const token = `${ARGO_TOKEN_PREFIX}-${name}-${Math.random()
    .toString(36)
    .slice(2)}`;
  const sim = await startSimulator({
    name,
    tokens: [token],
    users: [{ username: 'admin', password: ARGO_PASSWORD }],
    kubernetesToken: K8S_TOKEN,
    timings: { pollIntervalMs: 100, syncDelayMs: 100, progressingMs: 200 },
    ...options,
  });
  return { sim, token };
}

/** The `gitops.runtimes[]` entry for a simulated runtime. */
export function runtimeConfig(
  runtime: TestRuntime,
  overrides: {
    auth?: 'token' | 'session';
    timeoutMs?: number;
    kubernetes?: boolean;
    token?: string;
  } = {},
) {
  const { sim } = runtime;
  return {
    name: sim.name,
    title: `Runtime ${sim.name}`,
    argocd: {
      url: sim.url,
      uiUrl: `https://argocd.${sim.name}.example.com`,
      ...(overrides.auth === 'session'
        ? { username: 'admin', password: ARGO_PASSWORD }
        : { token: overrides.token ?? runtime.token }),
    },
    // Generous: CI runs many test files at once, and a timeout here is a flaky test, not a finding.
    timeoutMs: overrides.timeoutMs ?? 5000,
    refreshIntervalSeconds: 3600,
    // Tests run refreshes by hand and mean a full one: list and health check every time, and no
    // background retry racing the faults they set.
    resyncIntervalSeconds: 0,
    healthCheckIntervalSeconds: 0,
    retry: { initialSeconds: 3600, maxSeconds: 3600 },
    ...(overrides.kubernetes === false
      ? {}
      : {
          kubernetes: {
            url: sim.kubernetesUrl,
            token: K8S_TOKEN,
            skipTLSVerify: true,
          },
        }),
  };
}

/**
 * Starts the gitops plugin in a test backend with the given runtimes. Scheduled refreshes do not run on
 * their own (reads start cold); `refresh(name)` runs one runtime's scheduled refresh.
 */
export async function startGitopsBackend(
  runtimes: object[],
  options: {
    features?: any[];
    gitops?: object;
    /** More top-level config (e.g. `integrations`). */
    config?: object;
  } = {},
) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      mockServices.rootConfig.factory({
        data: { ...options.config, gitops: { runtimes, ...options.gitops } },
      }),
      scheduler.factory,
      ...(options.features ?? []),
    ],
  });
  /** Runs one scheduled task of the plugin (e.g. `gitops-audit-git-import`) once, now. */
  async function runTask(id: string) {
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === id);
    if (!task) throw new Error(`no scheduled task ${id}`);
    await task.fn(new AbortController().signal);
  }
  return {
    backend,
    api: () => request(backend.server),
    refresh: (name: string) => runTask(`gitops-runtime-refresh-${name}`),
    runTask,
    stop: () => backend.stop(),
  };
}
