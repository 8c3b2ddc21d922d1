/* Starting the gitops backend plugin in process for the runtimes benchmark. */
import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import gitopsPlugin from '@slipway/plugin-gitops-backend';
import { AddressInfo } from 'node:net';
import { timedGet } from './timedGet';

export type BenchRuntime = { name: string; url: string; adminUrl: string };

export const TOKEN = 'bench-token';
/** The shared cache, as in production: Redis (a database of its own, flushed between cold samples). */
export const REDIS_URL = 'redis://127.0.0.1:6379/5';
export const TIMEOUT_MS = 5000;

export interface ListBody {
  items: { runtime: string; name: string }[];
  errors: { runtime: string; kind: string }[];
}

/** Scheduled tasks run only when the benchmark says so, to tell cold from warm. */
function manualScheduler() {
  const tasks = new Map<string, () => void | Promise<void>>();
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () =>
      ({
        async scheduleTask(
          task: SchedulerServiceTaskScheduleDefinition &
            SchedulerServiceTaskInvocationDefinition,
        ) {
          tasks.set(task.id, () => task.fn(new AbortController().signal));
        },
        async triggerTask(id: string) {
          await tasks.get(id)?.();
        },
        async getScheduledTasks() {
          return [];
        },
      } as any),
  });
  return {
    factory,
    runAll: () => Promise.all([...tasks.values()].map(async fn => fn())),
  };
}

export async function startBackend(runtimes: BenchRuntime[]) {
  const scheduler = manualScheduler();
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      scheduler.factory,
      cacheServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'redis', connection: REDIS_URL } },
          gitops: {
            runtimes: runtimes.map(r => ({
              name: r.name,
              argocd: { url: r.url, token: TOKEN },
              timeoutMs: TIMEOUT_MS,
              refreshIntervalSeconds: 3600,
            })),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/gitops`;
  return {
    base,
    refreshAll: scheduler.runAll,
    stop: () => backend.stop(),
    /** Times one GET; with `keep`, `body()` parses the answer. */
    async get(pathAndQuery: string, keep = false) {
      const res = await timedGet(`${base}${pathAndQuery}`, keep);
      return {
        ms: res.ms,
        bytes: res.bytes,
        body: () => JSON.parse(res.text) as ListBody,
      };
    },
  };
}
