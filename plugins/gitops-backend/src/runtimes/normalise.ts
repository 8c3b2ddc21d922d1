import {
  ApplicationDetail,
  ApplicationSource,
  ApplicationSummary,
  HistoryEntry,
  OperationPhase,
  ResourceNode,
  RevisionMetadata,
} from '@slipway/plugin-gitops-common';
import { z } from 'zod/v4';
import {
  argoCdAppLink,
  ENVIRONMENT_LABEL,
  PRODUCT_ANNOTATION,
  toHealthStatus,
  toSyncStatus,
} from '../domain/applications';
import {
  ArgoApplication,
  ArgoApplicationListItem,
  argoApplicationListItemSchema,
  argoApplicationSchema,
  ArgoResourceTree,
  argoRevisionMetadataSchema,
  argoSourceSchema,
} from './argoSchemas';

const OPERATION_PHASES: readonly OperationPhase[] = [
  'Running',
  'Terminating',
  'Succeeded',
  'Failed',
  'Error',
];

type ArgoSource = z.output<typeof argoSourceSchema>;

/** Where a runtime's applications are shown and linked. */
export interface RuntimeContext {
  runtime: string;
  uiUrl: string;
  /** Namespace of apps that carry none (Argo CD's control-plane namespace). */
  defaultNamespace: string;
}

function source(s: ArgoSource): ApplicationSource {
  return dropUndefined({
    repoURL: s.repoURL,
    path: s.path,
    targetRevision: s.targetRevision,
    chart: s.chart,
    ref: s.ref,
    name: s.name,
  });
}

function sources(
  single: ArgoSource | undefined,
  multi: ArgoSource[] | undefined,
) {
  if (multi && multi.length > 0) return multi.map(source);
  return single ? [source(single)] : [];
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

function phase(value: string | undefined): OperationPhase | undefined {
  return OPERATION_PHASES.includes(value as OperationPhase)
    ? (value as OperationPhase)
    : undefined;
}

/** Parses one raw Argo CD Application; `undefined` when it has no usable identity. */
export function parseApplication(raw: unknown): ArgoApplication | undefined {
  const parsed = argoApplicationSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Parses one item of the projected application list; `undefined` when it has no usable identity. */
export function parseListItem(
  raw: unknown,
): ArgoApplicationListItem | undefined {
  const parsed = argoApplicationListItemSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function toSummary(
  ctx: RuntimeContext,
  app: ArgoApplicationListItem,
): ApplicationSummary {
  const namespace = app.metadata.namespace || ctx.defaultNamespace;
  const name = app.metadata.name;
  const status = app.status;
  const automated = app.spec?.syncPolicy?.automated;
  const op = status?.operationState;
  const opPhase = phase(op?.phase);
  const syncRevisions = status?.sync?.revisions ?? [];
  const labels = app.metadata.labels ?? {};
  const annotations = app.metadata.annotations ?? {};
  return dropUndefined({
    runtime: ctx.runtime,
    namespace,
    name,
    project: app.spec?.project || 'default',
    labels,
    annotations,
    product: annotations[PRODUCT_ANNOTATION],
    environment: labels[ENVIRONMENT_LABEL] ?? annotations[ENVIRONMENT_LABEL],
    destination: dropUndefined({ ...app.spec?.destination }),
    sources: sources(app.spec?.source, app.spec?.sources),
    health: dropUndefined({
      status: toHealthStatus(status?.health?.status),
      message: status?.health?.message,
      lastTransitionTime: status?.health?.lastTransitionTime,
    }),
    sync: dropUndefined({
      status: toSyncStatus(status?.sync?.status),
      revision: status?.sync?.revision,
      revisions: syncRevisions.length > 0 ? syncRevisions : undefined,
    }),
    autoSync: !!automated && automated.enabled !== false,
    operation: app.operation
      ? // Requested, not yet picked up by the controller: Argo CD's UI shows it as running too.
        { phase: 'Running' as const, message: 'waiting to start' }
      : opPhase &&
        dropUndefined({
          phase: opPhase,
          message: op?.message,
          startedAt: op?.startedAt,
          finishedAt: op?.finishedAt,
        }),
    images: status?.summary?.images ?? [],
    createdAt: app.metadata.creationTimestamp,
    links: {
      argocd: argoCdAppLink(ctx.uiUrl, namespace, name),
      external: status?.summary?.externalURLs ?? [],
    },
  });
}

/** Argo CD's deployment history of an app, newest first. */
export function historyOf(app: ArgoApplication): HistoryEntry[] {
  return (app.status?.history ?? [])
    .map(h =>
      dropUndefined({
        id: h.id,
        revision: h.revision,
        revisions: h.revisions.length > 0 ? h.revisions : undefined,
        deployedAt: h.deployedAt,
        deployStartedAt: h.deployStartedAt,
        sources: sources(h.source, h.sources),
        initiatedBy: h.initiatedBy && dropUndefined({ ...h.initiatedBy }),
      }),
    )
    .reverse();
}

function resourceNodes(
  app: ArgoApplication,
  tree: ArgoResourceTree,
): ResourceNode[] {
  const syncByKey = new Map<string, string | undefined>();
  for (const r of app.status?.resources ?? []) {
    syncByKey.set(
      `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`,
      r.status,
    );
  }
  return tree.nodes.map(node => {
    const sync = syncByKey.get(
      `${node.group}/${node.kind}/${node.namespace ?? ''}/${node.name}`,
    );
    return dropUndefined({
      group: node.group,
      version: node.version,
      kind: node.kind,
      namespace: node.namespace,
      name: node.name,
      uid: node.uid,
      parentRefs: node.parentRefs.map(ref => dropUndefined({ ...ref })),
      health:
        node.health &&
        dropUndefined({
          status: toHealthStatus(node.health.status),
          message: node.health.message,
        }),
      syncStatus: sync === undefined ? undefined : toSyncStatus(sync),
      info: node.info,
      images: node.images,
      createdAt: node.createdAt,
    });
  });
}

/** The resource tree as read, or why it could not be read (never shown as "no resources"). */
export type ResourceTreeRead = { tree: ArgoResourceTree } | { error: string };

export function toDetail(
  ctx: RuntimeContext,
  app: ArgoApplication,
  read: ResourceTreeRead,
): ApplicationDetail {
  const summary = toSummary(ctx, app);
  const op = app.status?.operationState;
  const opPhase = phase(op?.phase);
  return dropUndefined({
    ...summary,
    resources: 'tree' in read ? resourceNodes(app, read.tree) : [],
    resourcesError: 'error' in read ? read.error : undefined,
    history: historyOf(app),
    conditions: (app.status?.conditions ?? []).map(c =>
      dropUndefined({ ...c }),
    ),
    operationState:
      opPhase &&
      dropUndefined({
        phase: opPhase,
        message: op?.message,
        startedAt: op?.startedAt,
        finishedAt: op?.finishedAt,
        revision:
          op?.syncResult?.revision ??
          op?.operation?.sync?.revision ??
          undefined,
        initiatedBy:
          op?.operation?.initiatedBy &&
          dropUndefined({ ...op.operation.initiatedBy }),
        retryCount: op?.retryCount,
        resources: (op?.syncResult?.resources ?? []).map(r =>
          dropUndefined({ ...r }),
        ),
      }),
    reconciledAt: app.status?.reconciledAt,
    syncOptions: app.spec?.syncPolicy?.syncOptions ?? [],
  });
}

export function toRevisionMetadata(
  revision: string,
  raw: z.output<typeof argoRevisionMetadataSchema>,
): RevisionMetadata {
  return dropUndefined({
    revision,
    author: raw.author,
    date: raw.date ?? undefined,
    message: raw.message,
    tags: raw.tags,
  });
}
