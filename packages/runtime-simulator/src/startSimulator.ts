import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import { rfc3339 } from './argocd/time';
import type { ApplicationSeed } from './argocd/types';
import { SessionManager } from './auth/sessions';
import { Faults } from './faults';
import { argoComponents } from './kubernetes/components';
import type { AppRecord } from './model/AppRecord';
import { ApplicationStore } from './model/ApplicationStore';
import { createGitRecord } from './model/gitApplications';
import { Reconciler } from './model/Reconciler';
import { SyncLifecycle } from './model/syncLifecycle';
import { Timers } from './model/Timers';
import { argocdApp } from './server/argocdApp';
import { kubernetesApp, kubernetesVersion } from './server/kubernetesRoutes';
import { createSyntheticRecords } from './synthetic';
import type { RunningSimulator, SimulatorOptions } from './types';

const defaultTimings = {
  pollIntervalMs: 1000,
  syncDelayMs: 1000,
  progressingMs: 1000,
};

function checkUniqueNames(applications: ApplicationSeed[]): void {
  const seen = new Set<string>();
  for (const seed of applications) {
    const key = `${seed.metadata.namespace ?? 'argocd'}/${seed.metadata.name}`;
    if (seen.has(key)) throw new Error(`application ${key} is defined twice`);
    seen.add(key);
  }
}

/** Starts one simulated runtime: an Argo CD API server and a Kubernetes API server. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? 'v3.5.1+simulated';
  const timings = { ...defaultTimings, ...options.timings };
  const applications = options.applications ?? [];
  checkUniqueNames(applications);

  const timers = new Timers();
  const store = new ApplicationStore();
  const lifecycle = new SyncLifecycle(store, timers, timings);
  const reconciler = new Reconciler(
    store,
    lifecycle,
    timers,
    timings.pollIntervalMs,
  );
  const streams = new Set<Response>();

  const records = await Promise.all(
    applications.map(seed => createGitRecord(seed, options.name)),
  );
  records.forEach(record => store.add(record));

  const replaceSynthetic = (count: number) => {
    for (const record of [...store.all()]) {
      if (record.origin === 'synthetic') {
        lifecycle.forget(record);
        store.remove(record);
      }
    }
    const reservedNames = new Set(store.all().map(r => r.app.metadata.name));
    createSyntheticRecords(count, options.name, { reservedNames }).forEach(
      record => store.add(record),
    );
  };
  if (options.syntheticApplications)
    replaceSynthetic(options.syntheticApplications);

  let argoServer: Server | undefined;
  let kubeServer: Server | undefined;
  const findRecord = (
    name: string,
    namespace: string | undefined,
  ): AppRecord => {
    const record = store.get(namespace ?? 'argocd', name);
    if (!record) throw new Error(`application ${name} not found`);
    return record;
  };
  const componentNames = argoComponents(
    version,
    options.components?.rollouts ?? false,
  ).map(c => c.name);
  const faults = new Faults({
    onDown: () => {
      for (const res of streams) res.destroy();
      argoServer?.closeIdleConnections();
    },
    applyApplicationHealth: (name, namespace, health) => {
      const record = findRecord(name, namespace);
      store.update(record, r => {
        r.healthOverride = health;
      });
    },
    clearApplicationHealth: () => {
      for (const record of store.all()) {
        if (record.healthOverride)
          store.update(record, r => (r.healthOverride = undefined));
      }
    },
    componentNames: () => componentNames,
  });

  let argoUrl = '';
  let kubeUrl = '';
  const context = {
    name: options.name,
    version,
    store,
    lifecycle,
    reconciler,
    sessions: new SessionManager(
      options.sessionTtlMs ?? 24 * 3600_000,
      new Set(options.tokens ?? []),
    ),
    users: options.users ?? [],
    clusters: options.clusters ?? [
      { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
    ],
    kubernetesVersion: `${kubernetesVersion.major}.${kubernetesVersion.minor}`,
    timers,
    streams,
  };
  const argo = argocdApp(context, faults, {
    faults,
    store,
    replaceSynthetic,
    describe: () => ({
      name: options.name,
      url: argoUrl,
      kubernetesUrl: kubeUrl,
      resourceVersion: store.resourceVersion,
      faults: faults.get(),
      components: faults.componentStates(),
      applications: store.all().map(r => ({
        name: r.app.metadata.name,
        namespace: r.app.metadata.namespace,
        origin: r.origin,
        sync: r.app.status.sync.status,
        revision: r.app.status.sync.revision,
        health: r.app.status.health.status,
        operationPhase: r.app.status.operationState?.phase,
        images: r.app.status.summary.images ?? [],
        ...(r.comparisonError ? { error: r.comparisonError } : {}),
      })),
    }),
  });
  const kube = kubernetesApp({
    token: options.kubernetesToken,
    argoVersion: version,
    rollouts: options.components?.rollouts ?? false,
    faults,
    createdAt: rfc3339(),
  });

  const listen = (app: typeof argo, port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = app.listen(port, host);
      server.once('listening', () => resolve(server));
      server.once('error', error =>
        reject(
          new Error(
            `runtime ${options.name}: cannot listen on ${host}:${port}: ${error.message}`,
          ),
        ),
      );
    });
  try {
    argoServer = await listen(argo, options.port ?? 0);
    kubeServer = await listen(kube, options.kubernetesPort ?? 0);
  } catch (error) {
    timers.closeAll();
    argoServer?.close();
    throw error;
  }
  const servers = [argoServer, kubeServer];
  const urlOf = (server: Server) => {
    const address = server.address() as AddressInfo;
    const hostPart =
      address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${hostPart}:${address.port}`;
  };
  argoUrl = urlOf(argoServer);
  kubeUrl = urlOf(kubeServer);
  reconciler.start();

  let closing: Promise<void> | undefined;
  return {
    name: options.name,
    url: argoUrl,
    kubernetesUrl: kubeUrl,
    faults,
    close() {
      closing ??= (async () => {
        timers.closeAll();
        for (const res of streams) res.end();
        const shut = (server: Server) =>
          new Promise<void>(resolve => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        await Promise.all(servers.map(shut));
      })();
      return closing;
    },
  };
}
