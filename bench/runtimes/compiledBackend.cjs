/*
 * One backend of the runtimes benchmark, run with plain node on the compiled plugin: the output of
 * `backstage-cli package build` of the gitops backend plugin and the packages it depends on, so the
 * figures (resident memory above all) are those of shipped JavaScript, not of tsx. A minimal Backstage
 * backend (startTestBackend) with Redis as the cache and a scheduler that runs each task at once and
 * then at its frequency, as a single production replica does. Talks to the benchmark over IPC.
 */
/* eslint-disable no-console */
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const compiled = {
  '@slipway/plugin-gitops-common': 'plugins/gitops-common/dist/index.cjs.js',
  '@slipway/plugin-gitops-node': 'plugins/gitops-node/dist/index.cjs.js',
  '@slipway/plugin-gitops-backend': 'plugins/gitops-backend/dist/index.cjs.js',
};
// The workspace packages point `main` at their TypeScript sources; node is given their builds.
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveCompiled(request, ...rest) {
  const file = compiled[request];
  return file ? path.join(root, file) : resolve.call(this, request, ...rest);
};

const {
  coreServices,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const { cacheServiceFactory } = require('@backstage/backend-defaults/cache');
const {
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const gitops = require('@slipway/plugin-gitops-backend').default;

const runtimes = JSON.parse(process.env.BENCH_RUNTIME_LIST);
const timers = [];

/** Runs every task now and then every `frequency`, like a replica's local scheduler. */
const scheduler = createServiceFactory({
  service: coreServices.scheduler,
  deps: {},
  factory: () => ({
    async scheduleTask(task) {
      const ms =
        (task.frequency.seconds ?? 0) * 1000 +
        (task.frequency.minutes ?? 0) * 60_000 +
        (task.frequency.milliseconds ?? 0);
      const run = () =>
        Promise.resolve(task.fn(new AbortController().signal)).catch(
          () => undefined,
        );
      setImmediate(run);
      if (ms > 0) timers.push(setInterval(run, ms));
    },
    createScheduledTaskRunner: () => ({ run: async () => undefined }),
    async triggerTask() {},
    async getScheduledTasks() {
      return [];
    },
  }),
});

async function main() {
  const backend = await startTestBackend({
    features: [
      gitops,
      scheduler,
      cacheServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            cache: { store: 'redis', connection: process.env.BENCH_REDIS_URL },
          },
          gitops: {
            runtimes: runtimes.map(r => ({
              name: r.name,
              argocd: { url: r.url, token: process.env.BENCH_TOKEN },
              timeoutMs: Number(process.env.BENCH_TIMEOUT_MS),
            })),
          },
        },
      }),
    ],
  });
  process.on('message', async message => {
    if (message.type === 'rss') {
      global.gc?.();
      await new Promise(r => setTimeout(r, 2000));
      global.gc?.();
      process.send({ rss: process.memoryUsage().rss });
    }
  });
  process.on('disconnect', () => {
    timers.forEach(clearInterval);
    process.exit(0);
  });
  process.send({ port: backend.server.address().port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
