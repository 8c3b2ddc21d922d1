import express, { Express, Request, Response } from 'express';
import type { Faults } from '../faults';
import {
  argoComponents,
  componentNamespace,
  componentObject,
  componentPod,
  ComponentSpec,
} from '../kubernetes/components';
import { parseLabelSelector, SelectorParseError } from '../selector';

export const kubernetesVersion = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.1',
};

function status(
  res: Response,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  res.status(code).json({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

const resources = {
  deployments: { kind: 'Deployment', listKind: 'DeploymentList' },
  statefulsets: { kind: 'StatefulSet', listKind: 'StatefulSetList' },
} as const;

type Plural = keyof typeof resources;

/**
 * A minimal kube-apiserver for the Argo CD components' readiness: /version, the apps/v1 Deployments and
 * StatefulSets of the `argocd` namespace and their pods (for restarts), with Kubernetes `Status` bodies
 * for errors.
 */
export function kubernetesApp(options: {
  token?: string;
  argoVersion: string;
  rollouts: boolean;
  faults: Faults;
  createdAt: string;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  const specs = argoComponents(options.argoVersion, options.rollouts);

  app.get('/version', (_req, res) => {
    res.json({
      ...kubernetesVersion,
      gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03',
      gitTreeState: 'clean',
      buildDate: '2025-09-09T19:43:15Z',
      goVersion: 'go1.24.6',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
  });

  app.use((req, res, next) => {
    const bearer = /^bearer\s+(.+)$/i
      .exec(req.headers.authorization ?? '')?.[1]
      ?.trim();
    if (options.token !== undefined && bearer !== options.token) {
      status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    if (options.faults.get().kubernetes === 'forbidden') {
      const [, namespace, plural = 'resources'] =
        /^\/apis\/apps\/v1\/(?:namespaces\/([^/]+)\/)?([^/]+)/.exec(req.path) ??
        [];
      const where = namespace
        ? ` in the namespace "${namespace}"`
        : ' at the cluster scope';
      status(
        res,
        403,
        'Forbidden',
        `${plural}.apps is forbidden: User "system:serviceaccount:slipway:slipway" cannot list resource "${plural}" in API group "apps"${where}`,
        { group: 'apps', kind: plural },
      );
      return;
    }
    if (req.method !== 'GET') {
      status(
        res,
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
      return;
    }
    next();
  });

  const visible = (
    namespace: string | undefined,
    plural: Plural,
  ): ComponentSpec[] =>
    specs.filter(
      s =>
        s.kind === resources[plural].kind &&
        (namespace === undefined || namespace === componentNamespace) &&
        options.faults.componentState(s.name) !== 'missing',
    );

  const render = (spec: ComponentSpec, withTypeMeta: boolean) =>
    componentObject(
      spec,
      options.faults.componentState(spec.name),
      options.createdAt,
      withTypeMeta,
    );

  const list = (
    req: Request,
    res: Response,
    plural: Plural,
    namespace?: string,
  ) => {
    let items = visible(namespace, plural);
    const labelSelector =
      typeof req.query.labelSelector === 'string'
        ? req.query.labelSelector
        : '';
    if (labelSelector) {
      try {
        const selector = parseLabelSelector(labelSelector);
        items = items.filter(s =>
          selector.matches(render(s, false).metadata.labels),
        );
      } catch (error) {
        if (!(error instanceof SelectorParseError)) throw error;
        status(res, 400, 'BadRequest', error.message);
        return;
      }
    }
    const fieldSelector =
      typeof req.query.fieldSelector === 'string'
        ? req.query.fieldSelector
        : '';
    const nameMatch = /^metadata\.name==?(.+)$/.exec(fieldSelector);
    if (nameMatch) items = items.filter(s => s.name === nameMatch[1]);
    res.json({
      kind: resources[plural].listKind,
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: '4400' },
      // Items of a typed list carry no kind/apiVersion.
      items: items.map(s => render(s, false)),
    });
  };

  for (const plural of Object.keys(resources) as Plural[]) {
    app.get(`/apis/apps/v1/${plural}`, (req, res) => list(req, res, plural));
    app.get(`/apis/apps/v1/namespaces/:namespace/${plural}`, (req, res) =>
      list(req, res, plural, req.params.namespace),
    );
    app.get(
      `/apis/apps/v1/namespaces/:namespace/${plural}/:name`,
      (req, res) => {
        const spec = visible(req.params.namespace, plural).find(
          s => s.name === req.params.name,
        );
        if (!spec) {
          status(
            res,
            404,
            'NotFound',
            `${plural}.apps "${req.params.name}" not found`,
            {
              name: req.params.name,
              group: 'apps',
              kind: plural,
            },
          );
          return;
        }
        res.json(render(spec, true));
      },
    );
  }

  const pods = (res: Response, namespace?: string) => {
    const items = specs.filter(
      s =>
        (namespace === undefined || namespace === componentNamespace) &&
        options.faults.componentState(s.name) !== 'missing',
    );
    res.json({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '4400' },
      items: items.map(s =>
        componentPod(
          s,
          options.faults.componentState(s.name),
          options.createdAt,
        ),
      ),
    });
  };
  app.get('/api/v1/pods', (_req, res) => pods(res));
  app.get('/api/v1/namespaces/:namespace/pods', (req, res) =>
    pods(res, req.params.namespace),
  );

  app.use((_req, res) => {
    status(
      res,
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  });
  return app;
}
