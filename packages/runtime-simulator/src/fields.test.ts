import type { Application } from './argocd/types';
import { parseFields } from './fields';

const app: Application = {
  metadata: {
    name: 'web',
    namespace: 'argocd',
    labels: { a: 'b' },
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  spec: {
    project: 'default',
    source: {
      repoURL: 'file:///r.git',
      path: 'apps/web',
      targetRevision: 'main',
    },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
  },
  status: {
    sync: {
      status: 'Synced',
      revision: 'abc',
      comparedTo: { source: { repoURL: '' }, destination: {} },
    },
    health: { status: 'Healthy' },
    summary: { images: ['web:1'] },
    history: [{ id: 0, revision: 'abc', deployedAt: '2026-01-01T00:00:00Z' }],
    operationState: {
      operation: { sync: { revision: 'abc' } },
      phase: 'Succeeded',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
      syncResult: { revision: 'abc', resources: [] },
    },
  },
};

describe('fields projection', () => {
  it('keeps only the requested projectable paths, with sorted map keys', () => {
    const projection = parseFields(
      'items.metadata.name,items.status.sync.status,items.status.health,items.status.history',
    )!;
    const out = projection.project(app);
    expect(out).toEqual({
      metadata: { name: 'web' },
      status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } },
    });
    expect(Object.keys(out.status as object)).toEqual(['health', 'sync']);
  });

  it('returns the syncResult under status.operationState.operation.sync, as Argo CD does', () => {
    const out = parseFields(
      'items.status.operationState.operation.sync,items.status.operationState.phase',
    )!.project(app);
    expect(out).toEqual({
      status: {
        operationState: {
          operation: { sync: { revision: 'abc', resources: [] } },
          phase: 'Succeeded',
        },
      },
    });
  });

  it('leaves out nil values and unknown paths', () => {
    expect(
      parseFields(
        'items.metadata.deletionTimestamp,items.operation.sync,items.bogus',
      )!.project(app),
    ).toEqual({});
  });

  it('with a leading "-" returns the projectable set minus the excluded paths, never the whole object', () => {
    const out = parseFields(
      '-items.spec,items.status.resources,items.status.summary',
    )!.project(app);
    // Each projectable path is independent: excluding `spec` still keeps spec.project, spec.source, ...
    expect(out.spec).toEqual({
      destination: app.spec.destination,
      project: 'default',
      source: app.spec.source,
    });
    const status = out.status as Record<string, unknown>;
    expect(status.summary).toBeUndefined();
    expect(status.history).toBeUndefined();
    expect(Object.keys(status)).toEqual(['health', 'operationState', 'sync']);
    expect(out.metadata).toEqual({
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { a: 'b' },
      name: 'web',
      namespace: 'argocd',
    });
  });

  it('is absent without a fields parameter', () => {
    expect(parseFields(undefined)).toBeUndefined();
    expect(parseFields('')).toBeUndefined();
  });
});
