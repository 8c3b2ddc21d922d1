import { exampleApplication, variant } from '../__testUtils__/argoFixtures';
import { argoResourceTreeSchema } from './argoSchemas';
import {
  parseApplication,
  RuntimeContext,
  toDetail,
  toSummary,
} from './normalise';

const ctx: RuntimeContext = {
  runtime: 'prod',
  uiUrl: 'https://argocd.example.com',
  defaultNamespace: 'argocd',
};

function parsed(raw: unknown) {
  const app = parseApplication(raw);
  if (!app) throw new Error('unparseable');
  return app;
}

describe('normalise', () => {
  it('turns the real example application into a summary', () => {
    const summary = toSummary(ctx, parsed(exampleApplication()));
    expect(summary).toMatchObject({
      runtime: 'prod',
      namespace: 'argo-cd',
      name: 'velero-test',
      project: 'sre',
      destination: { name: 'gke-alpha-01-europe-west1', namespace: 'test-lla' },
      sources: [
        {
          repoURL: 'https://github.com/foo/manifests-velero.git',
          path: 'instances/test',
          targetRevision: 'test-lla',
        },
      ],
      health: { status: 'Healthy' },
      sync: { status: 'Synced', revision: 'rev1' },
      images: ['nginx:latest'],
      autoSync: false,
      links: {
        argocd: 'https://argocd.example.com/applications/argo-cd/velero-test',
        external: [],
      },
    });
    expect(summary.labels.project).toBe('sre');
    // Plugin env (and other unknown keys) never reach the summary.
    expect(JSON.stringify(summary)).not.toContain('HELM_VALUES');
  });

  it('gives the detail newest-first history, operation results and the resource tree', () => {
    const raw = exampleApplication();
    const tree = {
      nodes: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'test-lla',
          name: 'velero',
          uid: 'u1',
          health: { status: 'Healthy' },
          images: ['velero/velero:v1.13.0'],
        },
        {
          version: 'v1',
          kind: 'Pod',
          namespace: 'test-lla',
          name: 'velero-abc',
          parentRefs: [
            {
              group: 'apps',
              kind: 'ReplicaSet',
              name: 'velero-1',
              namespace: 'test-lla',
            },
          ],
          info: [{ name: 'Containers', value: '1/1' }],
          health: { status: 'Weird' },
        },
      ],
    };
    const detail = toDetail(ctx, parsed(raw), {
      tree: argoResourceTreeSchema.parse(tree),
    });
    const ids = raw.status.history.map((h: { id: number }) => h.id);
    expect(detail.history.map(h => h.id)).toEqual([...ids].reverse());
    expect(detail.history[0].sources[0].repoURL).toBe(
      'https://github.com/foo/manifests-velero.git',
    );
    expect(detail.operationState?.phase).toBe(raw.status.operationState.phase);
    expect(detail.operationState?.resources.length).toBe(
      raw.status.operationState.syncResult.resources.length,
    );
    expect(detail.syncOptions).toContain('ServerSideApply=true');
    expect(detail.resources).toHaveLength(2);
    expect(detail.resources[1]).toMatchObject({
      group: '',
      kind: 'Pod',
      health: { status: 'Unknown' },
      parentRefs: [{ kind: 'ReplicaSet', name: 'velero-1' }],
      info: [{ name: 'Containers', value: '1/1' }],
      images: [],
    });
  });

  it('reads multi-source apps from spec.sources and their per-source revisions', () => {
    const summary = toSummary(
      ctx,
      parsed(variant('multi', { multiSource: true })),
    );
    expect(summary.sources.map(s => s.chart ?? s.path)).toEqual([
      'velero',
      'instances/test',
    ]);
    expect(summary.sync.revisions).toHaveLength(2);
  });

  it('survives a bare app: missing status, spec and namespace', () => {
    const summary = toSummary(ctx, parsed({ metadata: { name: 'bare' } }));
    expect(summary).toMatchObject({
      namespace: 'argocd',
      project: 'default',
      sources: [],
      health: { status: 'Unknown' },
      sync: { status: 'Unknown' },
      images: [],
      autoSync: false,
    });
    expect(summary.operation).toBeUndefined();
  });

  it('shows a requested operation the controller has not picked up as running, not as the finished one before it', () => {
    // What Argo CD answers a sync with: `operation` set, the previous operation's state still there.
    const raw = variant('requested');
    raw.operation = {
      sync: { revision: 'rev2', dryRun: true },
      initiatedBy: { username: 'admin' },
    };
    raw.status.operationState = {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
    };
    expect(toSummary(ctx, parsed(raw)).operation).toEqual({
      phase: 'Running',
      message: 'waiting to start',
    });
    delete raw.operation;
    expect(toSummary(ctx, parsed(raw)).operation).toMatchObject({
      phase: 'Succeeded',
    });
  });

  it('maps the empty sync status of a never-compared app and odd types to Unknown', () => {
    const summary = toSummary(
      ctx,
      parsed({
        metadata: {
          name: 'odd',
          labels: { ok: 'yes', bad: 3 },
          annotations: null,
        },
        spec: { syncPolicy: { automated: {} }, destination: 'nowhere' },
        status: {
          sync: { status: '' },
          health: { status: 42 },
          summary: { images: null },
        },
      }),
    );
    expect(summary.sync.status).toBe('Unknown');
    expect(summary.health.status).toBe('Unknown');
    expect(summary.labels).toEqual({ ok: 'yes' });
    expect(summary.annotations).toEqual({});
    expect(summary.destination).toEqual({});
    expect(summary.autoSync).toBe(true);
  });

  it('takes product from the annotation and environment from the label', () => {
    const summary = toSummary(
      ctx,
      parsed(
        variant('payments-api-dev', {
          annotations: { 'slipway.dev/product': 'payments' },
          labels: { 'slipway.dev/environment': 'dev' },
        }),
      ),
    );
    expect(summary.product).toBe('payments');
    expect(summary.environment).toBe('dev');
  });
});
