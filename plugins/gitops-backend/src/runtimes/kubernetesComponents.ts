import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
  V1LabelSelector,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  RuntimeComponent,
  RuntimeComponentName,
  RuntimeComponents,
} from '@slipway/plugin-gitops-common';
import {
  deploymentReadiness,
  Readiness,
  statefulSetReadiness,
} from '../domain/readiness';
import { KubernetesAccessConfig } from './config';
import { scrub } from './errors';

/** Components every Argo CD install has; reported `Missing` when not found. */
const REQUIRED: RuntimeComponentName[] = [
  'server',
  'repo-server',
  'application-controller',
  'redis',
];

const KNOWN: RuntimeComponentName[] = [
  'server',
  'repo-server',
  'application-controller',
  'redis',
  'applicationset-controller',
  'notifications-controller',
  'dex-server',
  'rollouts-controller',
];

/** Which component a workload is: by its standard label first, then by its (possibly prefixed) name. */
export function componentOf(
  name: string,
  labels: Record<string, string> = {},
): RuntimeComponentName | undefined {
  const label = labels['app.kubernetes.io/component'];
  if (KNOWN.includes(label as RuntimeComponentName)) {
    return label as RuntimeComponentName;
  }
  const id = labels['app.kubernetes.io/name'] ?? name;
  if (id === 'argo-rollouts' || id.endsWith('-argo-rollouts')) {
    return 'rollouts-controller';
  }
  if (id.includes('redis')) return 'redis';
  return KNOWN.find(c => id === `argocd-${c}` || id.endsWith(`-${c}`));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why the components could not be read, in words an operator acts on (RBAC, credentials, network). */
function describeError(error: unknown, namespace: string): string {
  if (error instanceof ApiException) {
    const where = `${error.code} from the Kubernetes API on namespace '${namespace}'`;
    if (error.code === 403)
      return `cannot read components: forbidden (${where})`;
    if (error.code === 401) {
      return `cannot read components: unauthorized (${where})`;
    }
    return `cannot read components: Kubernetes API answered ${error.code} on namespace '${namespace}'`;
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  const code = (error as { code?: string })?.code;
  return `cannot read components: Kubernetes API failed: ${
    cause ?? code ?? (error instanceof Error ? error.message : 'unknown error')
  }`;
}

function toComponent(
  component: RuntimeComponentName,
  kind: RuntimeComponent['kind'],
  name: string,
  readiness: Readiness,
  desiredReplicas: number,
  readyReplicas: number,
  restarts: number | undefined,
): RuntimeComponent {
  const result: RuntimeComponent = {
    component,
    name,
    kind,
    status: readiness.status,
    ready: readiness.status === 'Healthy',
    desiredReplicas,
    readyReplicas,
  };
  if (restarts !== undefined) result.restarts = restarts;
  if (readiness.message) result.message = readiness.message;
  return result;
}

/** Container restarts of the pods a workload's selector matches; undefined when pods were not readable. */
export function restartsOf(
  selector: V1LabelSelector | undefined,
  pods: V1Pod[] | undefined,
): number | undefined {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  if (!pods || wanted.length === 0) return undefined;
  let restarts = 0;
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    if (!wanted.every(([key, value]) => labels[key] === value)) continue;
    for (const c of pod.status?.containerStatuses ?? []) {
      restarts += c.restartCount ?? 0;
    }
  }
  return restarts;
}

/** Reads component readiness of one runtime from the Kubernetes API of the cluster Argo CD runs in. */
export class KubernetesComponents {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;

  constructor(
    private readonly access: KubernetesAccessConfig,
    private readonly timeoutMs: number,
  ) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'runtime',
          server: access.url,
          skipTLSVerify: access.skipTLSVerify,
          caData: access.caData,
        },
      ],
      users: [{ name: 'runtime', token: access.token }],
      contexts: [{ name: 'runtime', cluster: 'runtime', user: 'runtime' }],
      currentContext: 'runtime',
    });
    this.apps = kc.makeApiClient(AppsV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async read(): Promise<RuntimeComponents> {
    try {
      const namespace = this.access.namespace;
      const [deployments, statefulSets, rollouts, pods] = await withTimeout(
        Promise.all([
          this.apps.listNamespacedDeployment({ namespace }),
          this.apps.listNamespacedStatefulSet({ namespace }),
          this.rolloutsDeployments(),
          this.pods(),
        ]),
        this.timeoutMs,
      );
      return this.summarise(
        [...deployments.items, ...rollouts],
        statefulSets.items,
        pods,
      );
    } catch (error) {
      const secrets = this.access.token ? [this.access.token] : [];
      return {
        ready: 0,
        total: 0,
        items: [],
        error: scrub(describeError(error, this.access.namespace), secrets),
      };
    }
  }

  /** Pods of the Argo CD (and Rollouts) namespaces, for restarts; unreadable pods only lose restarts. */
  private async pods(): Promise<V1Pod[] | undefined> {
    const namespaces = [
      ...new Set([this.access.namespace, this.access.rolloutsNamespace]),
    ];
    try {
      const lists = await Promise.all(
        namespaces.map(namespace => this.core.listNamespacedPod({ namespace })),
      );
      return lists.flatMap(l => l.items);
    } catch {
      return undefined;
    }
  }

  /** The Rollouts controller usually lives in its own namespace; its absence is not an error. */
  private async rolloutsDeployments(): Promise<V1Deployment[]> {
    if (this.access.rolloutsNamespace === this.access.namespace) return [];
    try {
      const list = await this.apps.listNamespacedDeployment({
        namespace: this.access.rolloutsNamespace,
      });
      return list.items.filter(
        d =>
          componentOf(d.metadata?.name ?? '', d.metadata?.labels) ===
          'rollouts-controller',
      );
    } catch {
      return [];
    }
  }

  private summarise(
    deployments: V1Deployment[],
    statefulSets: V1StatefulSet[],
    pods: V1Pod[] | undefined,
  ): RuntimeComponents {
    const items: RuntimeComponent[] = [];
    const seen = new Set<string>();
    for (const d of deployments) {
      const name = d.metadata?.name ?? '';
      const component = componentOf(name, d.metadata?.labels);
      if (!component || seen.has(`Deployment/${name}`)) continue;
      seen.add(`Deployment/${name}`);
      items.push(
        toComponent(
          component,
          'Deployment',
          name,
          deploymentReadiness(d),
          d.spec?.replicas ?? 1,
          d.status?.readyReplicas ?? 0,
          restartsOf(d.spec?.selector, pods),
        ),
      );
    }
    for (const s of statefulSets) {
      const name = s.metadata?.name ?? '';
      const component = componentOf(name, s.metadata?.labels);
      if (!component) continue;
      items.push(
        toComponent(
          component,
          'StatefulSet',
          name,
          statefulSetReadiness(s),
          s.spec?.replicas ?? 1,
          s.status?.readyReplicas ?? 0,
          restartsOf(s.spec?.selector, pods),
        ),
      );
    }
    for (const component of REQUIRED) {
      if (!items.some(i => i.component === component)) {
        items.push({
          component,
          name:
            component === 'application-controller'
              ? 'argocd-application-controller'
              : `argocd-${component}`,
          kind:
            component === 'application-controller'
              ? 'StatefulSet'
              : 'Deployment',
          status: 'Missing',
          ready: false,
          desiredReplicas: 0,
          readyReplicas: 0,
          message: 'not found',
        });
      }
    }
    items.sort(
      (a, b) => KNOWN.indexOf(a.component) - KNOWN.indexOf(b.component),
    );
    return {
      ready: items.filter(i => i.ready).length,
      total: items.length,
      items,
    };
  }
}
