import type {
  ApplicationEvent,
  ManagedResourceDiff,
} from '@slipway/plugin-gitops-common';
import { stringify } from 'yaml';
import { unifiedDiff } from '../domain/promotion/unifiedDiff';
import type { ArgoEventList, ArgoManagedResources } from './argoSchemas';

/** Fields the cluster sets on every object; they are never in Git, so they would only be noise. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
];

/** The object as it compares with Git: without status and server-set metadata. */
function comparable(object: Record<string, unknown> | undefined) {
  if (!object) return '';
  const { status: _status, ...rest } = object;
  const metadata = { ...(rest.metadata as Record<string, unknown>) };
  for (const key of SERVER_METADATA) delete metadata[key];
  const annotations = metadata.annotations as
    | Record<string, string>
    | undefined;
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    const {
      'kubectl.kubernetes.io/last-applied-configuration': _applied,
      ...others
    } = annotations;
    if (Object.keys(others).length > 0) metadata.annotations = others;
    else delete metadata.annotations;
  }
  return stringify({ ...rest, metadata });
}

/** Decodes one of Argo CD's JSON-encoded states; `"null"`, empty or unreadable means absent. */
function decodeState(text: string | undefined) {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The managed resources with desired and live state as objects. The live side is the normalised one
 * (what Argo CD compares), so ignored differences do not show up as changes.
 */
export function toManagedResources(
  raw: ArgoManagedResources,
): ManagedResourceDiff[] {
  return raw.items
    .filter(item => !item.hook)
    .map(item => {
      const diff: ManagedResourceDiff = {
        group: item.group,
        kind: item.kind,
        name: item.name,
        modified: item.modified ?? false,
      };
      if (item.namespace) diff.namespace = item.namespace;
      const target = decodeState(item.targetState);
      const live = decodeState(item.normalizedLiveState ?? item.liveState);
      if (target) diff.target = target;
      if (live) diff.live = live;
      if (diff.modified) {
        const path = `${item.kind}/${item.name}.yaml`;
        const text = unifiedDiff(path, comparable(live), comparable(target));
        if (text) diff.diff = text;
      }
      return diff;
    });
}

/** Events newest first; a series counts as one event with its count. */
export function toApplicationEvents(raw: ArgoEventList): ApplicationEvent[] {
  const events = raw.items.map(e => {
    const event: ApplicationEvent = {
      type: e.type === 'Warning' ? 'Warning' : 'Normal',
      involvedObject: {},
      count: e.count ?? 1,
    };
    if (e.reason) event.reason = e.reason;
    if (e.message) event.message = e.message;
    for (const key of ['kind', 'namespace', 'name'] as const) {
      const value = e.involvedObject?.[key];
      if (value) event.involvedObject[key] = value;
    }
    const source = e.source?.component || e.reportingComponent;
    if (source) event.source = source;
    const first = e.firstTimestamp ?? e.eventTime;
    const last = e.lastTimestamp ?? first ?? e.metadata?.creationTimestamp;
    if (first) event.firstTimestamp = first;
    if (last) event.lastTimestamp = last;
    return event;
  });
  // Stable sort over the reversed list: of events in the same second, the later-listed comes first.
  return events
    .reverse()
    .sort((a, b) =>
      (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''),
    );
}
