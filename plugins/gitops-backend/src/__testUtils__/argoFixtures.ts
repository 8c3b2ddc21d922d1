import { readSharedJson } from './sharedDir';

/** The real Argo CD Application from `shared/argocd/examples` (GET by name, full object). */
export function exampleApplication(): any {
  return readSharedJson('argocd/examples/application-velero-test.api.json');
}

/** The example turned into another app: new name/namespace, optional overrides merged on top. */
export function variant(
  name: string,
  options: {
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    health?: string;
    sync?: string;
    revision?: string;
    multiSource?: boolean;
  } = {},
): any {
  const app = exampleApplication();
  app.metadata.name = name;
  if (options.namespace) app.metadata.namespace = options.namespace;
  if (options.annotations) app.metadata.annotations = options.annotations;
  if (options.labels) app.metadata.labels = options.labels;
  if (options.health) app.status.health.status = options.health;
  if (options.sync) app.status.sync.status = options.sync;
  if (options.revision) app.status.sync.revision = options.revision;
  if (options.multiSource) {
    const { source } = app.spec;
    delete app.spec.source;
    app.spec.sources = [
      {
        repoURL: 'https://charts.example.com',
        chart: 'velero',
        targetRevision: '5.1.0',
      },
      { ...source, ref: 'values' },
    ];
    app.status.sync.revisions = ['5.1.0', app.status.sync.revision];
  }
  return app;
}

/** An Argo CD list answer the way the API encodes it (no apiVersion/kind, `items` may be null). */
export function listOf(items: unknown[] | null, resourceVersion = '1000') {
  return { metadata: { resourceVersion }, items };
}

/** A JWT-shaped session token expiring at `expSeconds` (signature is irrelevant to a client). */
export function sessionJwt(expSeconds: number, subject = 'admin'): string {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    iss: 'argocd',
    sub: subject,
    exp: expSeconds,
    jti: Math.random().toString(36).slice(2),
  })}.signature`;
}
