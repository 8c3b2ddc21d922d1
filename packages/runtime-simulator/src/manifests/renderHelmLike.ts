import { parse } from 'yaml';
import { KubeObject, ManifestError, RenderedRevision } from './types';

export interface ChartMetadata {
  name?: string;
  version?: string;
  appVersion?: string | number;
}

export interface ChartValues {
  replicaCount?: number;
  nameOverride?: string;
  image?: { repository?: string; tag?: string | number; pullPolicy?: string };
  containerPort?: number;
  service?: { enabled?: boolean; type?: string; port?: number };
  env?:
    | Record<string, string | number | boolean>
    | { name: string; value: string }[];
  resources?: Record<string, unknown>;
  podAnnotations?: Record<string, string>;
}

function parseYaml<T>(text: string, file: string): T {
  try {
    return (parse(text) ?? {}) as T;
  } catch (error) {
    throw new ManifestError(`${file}: ${(error as Error).message}`);
  }
}

function envList(
  env: ChartValues['env'],
): { name: string; value: string }[] | undefined {
  if (!env) return undefined;
  if (Array.isArray(env))
    return env.map(e => ({ name: e.name, value: String(e.value) }));
  return Object.entries(env).map(([name, value]) => ({
    name,
    value: String(value),
  }));
}

/**
 * Renders a Helm-style app folder (Chart.yaml + values.yaml) the way the sandbox charts' templates would:
 * one Deployment running `image.repository:image.tag` (tag defaults to the chart's appVersion) with
 * `replicaCount` replicas, and a Service in front of it. The release name is the Argo CD app name.
 */
export function renderHelmLike(options: {
  revision: string;
  chartYaml: string;
  valuesYaml: string;
  releaseName: string;
  namespace: string;
}): RenderedRevision {
  return renderChart({
    ...options,
    chart: parseYaml<ChartMetadata>(options.chartYaml, 'Chart.yaml'),
    values: parseYaml<ChartValues>(options.valuesYaml, 'values.yaml'),
  });
}

/** The same rendering from already parsed chart metadata and values. */
export function renderChart(options: {
  revision: string;
  chart: ChartMetadata;
  values: ChartValues;
  releaseName: string;
  namespace: string;
}): RenderedRevision {
  const { chart, values } = options;
  if (!chart.name)
    throw new ManifestError('Chart.yaml: chart.metadata.name is required');
  const repository = values.image?.repository;
  const tag = values.image?.tag ?? chart.appVersion;
  if (!repository)
    throw new ManifestError('values.yaml: image.repository is required');
  if (tag === undefined) {
    throw new ManifestError(
      'values.yaml: image.tag is required when Chart.yaml has no appVersion',
    );
  }
  const image = `${repository}:${tag}`;
  const name = values.nameOverride ?? chart.name;
  const replicas = values.replicaCount ?? 1;
  const selectorLabels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': options.releaseName,
  };
  const labels = {
    ...selectorLabels,
    'app.kubernetes.io/version': String(tag),
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `${chart.name}-${chart.version ?? '0.1.0'}`,
  };
  const containerPort = values.containerPort ?? 8080;
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: options.namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: selectorLabels },
      template: {
        metadata: {
          labels: selectorLabels,
          ...(values.podAnnotations
            ? { annotations: values.podAnnotations }
            : {}),
        },
        spec: {
          containers: [
            {
              name,
              image,
              imagePullPolicy: values.image?.pullPolicy ?? 'IfNotPresent',
              ports: [{ name: 'http', containerPort, protocol: 'TCP' }],
              ...(envList(values.env) ? { env: envList(values.env) } : {}),
              ...(values.resources ? { resources: values.resources } : {}),
            },
          ],
        },
      },
    },
  };
  const manifests: KubeObject[] = [deployment];
  if (values.service?.enabled !== false) {
    manifests.unshift({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: options.namespace, labels },
      spec: {
        type: values.service?.type ?? 'ClusterIP',
        selector: selectorLabels,
        ports: [
          {
            name: 'http',
            port: values.service?.port ?? 80,
            targetPort: 'http',
            protocol: 'TCP',
          },
        ],
      },
    });
  }
  return {
    revision: options.revision,
    manifests,
    images: [image],
    replicas,
    sourceType: 'Helm',
  };
}
