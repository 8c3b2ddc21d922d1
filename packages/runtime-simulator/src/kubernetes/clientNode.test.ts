import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  VersionApi,
} from '@kubernetes/client-node';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

/** The real `@kubernetes/client-node` 1.x, as the backend uses it, against the simulated cluster. */
describe('Kubernetes API with @kubernetes/client-node', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'k8s',
      kubernetesToken: 'k8s-token',
      components: { rollouts: true },
    });
  });

  afterAll(() => sim.close());

  function appsApi(token: string) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        { name: 'sim', server: sim.kubernetesUrl, skipTLSVerify: true },
      ],
      users: [{ name: 'sim', token }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
      currentContext: 'sim',
    });
    return {
      apps: kc.makeApiClient(AppsV1Api),
      core: kc.makeApiClient(CoreV1Api),
      version: kc.makeApiClient(VersionApi),
    };
  }

  it('lists and reads the Argo CD components with typed models', async () => {
    const { apps, version } = appsApi('k8s-token');
    const deployments = await apps.listNamespacedDeployment({
      namespace: 'argocd',
    });
    expect(deployments.items.map(d => d.metadata?.name).sort()).toEqual([
      'argo-rollouts',
      'argocd-applicationset-controller',
      'argocd-redis',
      'argocd-repo-server',
      'argocd-server',
    ]);
    const server = deployments.items.find(
      d => d.metadata?.name === 'argocd-server',
    )!;
    expect(server.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(server.status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
      observedGeneration: 1,
    });
    expect(
      server.status?.conditions?.find(c => c.type === 'Available')?.status,
    ).toBe('True');

    const byLabel = await apps.listNamespacedDeployment({
      namespace: 'argocd',
      labelSelector: 'app.kubernetes.io/part-of=argocd',
    });
    expect(byLabel.items).toHaveLength(4);

    const controller = await apps.readNamespacedStatefulSet({
      name: 'argocd-application-controller',
      namespace: 'argocd',
    });
    expect(controller.kind).toBe('StatefulSet');
    expect(controller.status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      updatedReplicas: 1,
    });
    expect(controller.status?.currentRevision).toBe(
      controller.status?.updateRevision,
    );

    expect((await version.getCode()).gitVersion).toBe('v1.34.1');
  });

  it('reports a not-ready component and a missing one (404 ApiException)', async () => {
    const { apps } = appsApi('k8s-token');
    sim.faults.setComponentState('argocd-server', 'notReady');
    sim.faults.setComponentState('argocd-redis', 'missing');
    try {
      const server = await apps.readNamespacedDeployment({
        name: 'argocd-server',
        namespace: 'argocd',
      });
      expect(server.status?.readyReplicas ?? 0).toBe(0);
      expect(
        server.status?.conditions?.find(c => c.type === 'Available')?.status,
      ).toBe('False');
      const error = await apps
        .readNamespacedDeployment({ name: 'argocd-redis', namespace: 'argocd' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ApiException);
      expect(error.code).toBe(404);
      expect(JSON.parse(error.body)).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
        message: 'deployments.apps "argocd-redis" not found',
      });
    } finally {
      sim.faults.reset();
    }
  });

  it("lists the components' pods, a not-ready one crash-looping with restarts", async () => {
    const { core, apps } = appsApi('k8s-token');
    sim.faults.setComponentState('argocd-repo-server', 'notReady');
    try {
      const pods = (await core.listNamespacedPod({ namespace: 'argocd' }))
        .items;
      expect(pods).toHaveLength(6);
      const repoServer = (
        await apps.readNamespacedDeployment({
          name: 'argocd-repo-server',
          namespace: 'argocd',
        })
      ).spec!.selector.matchLabels!;
      const pod = pods.find(p =>
        Object.entries(repoServer).every(
          ([k, v]) => p.metadata?.labels?.[k] === v,
        ),
      )!;
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({
        ready: false,
        restartCount: 7,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      });
      const server = pods.find(p =>
        p.metadata?.name?.startsWith('argocd-server-'),
      )!;
      expect(server.status?.containerStatuses?.[0].restartCount).toBe(0);
      expect(
        (await core.listNamespacedPod({ namespace: 'other' })).items,
      ).toEqual([]);
    } finally {
      sim.faults.reset();
    }
  });

  it('rejects a wrong token with 401', async () => {
    const { apps } = appsApi('wrong');
    const error = await apps
      .listNamespacedDeployment({ namespace: 'argocd' })
      .catch(e => e);
    expect(error.code).toBe(401);
  });
});
