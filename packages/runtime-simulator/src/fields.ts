import type { Application } from './argocd/types';

/**
 * The `fields` projection of GET /api/v1/applications, as Argo CD's list forwarder implements it: only a
 * fixed set of paths can be selected (or, with a leading `-`, excluded from that set), nil values are left
 * out, and `status.operationState.operation.sync` quirkily yields the operation's syncResult.
 */
const projectable: Record<string, (app: Application) => unknown> = {
  'metadata.name': a => a.metadata.name,
  'metadata.namespace': a => a.metadata.namespace,
  'metadata.annotations': a => a.metadata.annotations,
  'metadata.labels': a => a.metadata.labels,
  'metadata.creationTimestamp': a => a.metadata.creationTimestamp,
  'metadata.deletionTimestamp': a => a.metadata.deletionTimestamp,
  spec: a => a.spec,
  'spec.destination': a => a.spec.destination,
  'spec.project': a => a.spec.project,
  'spec.source': a => a.spec.source,
  'spec.sources': a => a.spec.sources,
  'spec.sourceHydrator': a => a.spec.sourceHydrator,
  'spec.syncPolicy': a => a.spec.syncPolicy,
  'status.sourceHydrator': a =>
    (a.status as unknown as Record<string, unknown>).sourceHydrator,
  'status.summary': a => a.status.summary,
  'status.sync.status': a => a.status.sync.status,
  'status.sync.revision': a => a.status.sync.revision,
  'status.health': a => a.status.health,
  'status.operationState.startedAt': a => a.status.operationState?.startedAt,
  'status.operationState.finishedAt': a => a.status.operationState?.finishedAt,
  'status.operationState.phase': a => a.status.operationState?.phase,
  'status.resources': a => a.status.resources,
  'operation.sync': a => a.operation?.sync,
  'status.operationState.operation.sync': a =>
    a.status.operationState?.syncResult,
};

export interface FieldsProjection {
  /** Stable cache key: the same projection always yields the same key. */
  key: string;
  project(app: Application): Record<string, unknown>;
}

/** Parses the `fields` query value; returns undefined when no projection was asked for. */
export function parseFields(
  raw: string | undefined,
): FieldsProjection | undefined {
  if (raw === undefined || raw === '') return undefined;
  const exclude = raw.startsWith('-');
  const requested = new Set(
    (exclude ? raw.slice(1) : raw)
      .split(',')
      .map(f => f.trim())
      .filter(f => f.startsWith('items.'))
      .map(f => f.slice('items.'.length)),
  );
  const selected = Object.keys(projectable).filter(
    path => requested.has(path) !== exclude,
  );
  const created = createdLevels(selected);
  return {
    key: selected.join(','),
    project(app) {
      const out: Record<string, unknown> = {};
      for (const path of selected) {
        const value = projectable[path](app);
        if (value === undefined || value === null) continue;
        const parts = path.split('.');
        let target = out;
        for (const part of parts.slice(0, -1)) {
          if (typeof target[part] !== 'object' || target[part] === null) {
            target[part] = {};
          }
          target = target[part] as Record<string, unknown>;
        }
        const leaf = parts[parts.length - 1];
        // When a broader path (e.g. `spec`) was selected too, `target` is that value and already holds
        // this leaf; never write into it.
        if (!(leaf in target)) target[leaf] = value;
      }
      return sortCreatedKeys(out, created);
    },
  };
}

/**
 * Go marshals the projected items as maps, so their keys come out sorted. Only the levels the
 * projection created are maps; the values taken from the app keep their own field order.
 */
function createdLevels(selected: string[]): Set<string> {
  return new Set(
    selected.flatMap(path => {
      const parents = path.split('.').slice(0, -1);
      return parents.map((_, i) => parents.slice(0, i + 1).join('.'));
    }),
  );
}

function sortCreatedKeys(
  out: Record<string, unknown>,
  created: Set<string>,
): Record<string, unknown> {
  const sortLevel = (
    node: Record<string, unknown>,
    prefix: string,
  ): Record<string, unknown> =>
    Object.fromEntries(
      Object.keys(node)
        .sort()
        .map(key => {
          const path = prefix ? `${prefix}.${key}` : key;
          const value = node[key];
          return [
            key,
            created.has(path)
              ? sortLevel(value as Record<string, unknown>, path)
              : value,
          ];
        }),
    );
  return sortLevel(out, '');
}
