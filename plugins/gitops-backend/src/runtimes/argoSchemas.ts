import { z } from 'zod/v4';

/*
 * Zod schemas of the Argo CD payloads Slipway reads. They are lenient on purpose: every field is
 * optional, wrong types become `undefined`, bad array items are dropped, and unknown keys are stripped
 * (which also keeps the in-memory snapshot small). Only an application without a name is rejected.
 */

const str = z.string().optional().catch(undefined);
const bool = z.boolean().optional().catch(undefined);
const num = z.coerce.number().optional().catch(undefined);

function list<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .nullish()
    .catch(undefined)
    .transform(items => {
      const out: z.output<T>[] = [];
      for (const value of items ?? []) {
        const parsed = item.safeParse(value);
        if (parsed.success) out.push(parsed.data);
      }
      return out;
    });
}

function obj<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).optional().catch(undefined);
}

const stringMap = z
  .record(z.string(), z.unknown())
  .nullish()
  .catch(undefined)
  .transform(record => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(record ?? {})) {
      if (typeof value === 'string') out[key] = value;
    }
    return out;
  });

export const argoSourceSchema = z.object({
  repoURL: z.string().catch(''),
  path: str,
  targetRevision: str,
  chart: str,
  ref: str,
  name: str,
});

const initiatedBy = obj({ username: str, automated: bool });

const resourceResult = z.object({
  group: z.string().catch(''),
  kind: z.string(),
  namespace: str,
  name: z.string(),
  status: str,
  message: str,
  hookPhase: str,
  syncPhase: str,
});

export const argoApplicationSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: str,
    labels: stringMap,
    annotations: stringMap,
    creationTimestamp: str,
  }),
  spec: obj({
    project: str,
    source: argoSourceSchema.optional().catch(undefined),
    sources: list(argoSourceSchema),
    destination: obj({ server: str, name: str, namespace: str }),
    syncPolicy: obj({
      automated: z.object({ enabled: bool }).nullish().catch(undefined),
      syncOptions: list(z.string()),
    }),
  }),
  /** Set from a sync request until the controller finishes it (Argo CD answers a sync with this). */
  operation: obj({ initiatedBy }),
  status: obj({
    health: obj({ status: str, message: str, lastTransitionTime: str }),
    sync: obj({ status: str, revision: str, revisions: list(z.string()) }),
    summary: obj({ images: list(z.string()), externalURLs: list(z.string()) }),
    operationState: obj({
      phase: str,
      message: str,
      startedAt: str,
      finishedAt: str,
      retryCount: num,
      operation: obj({
        sync: obj({ revision: str, revisions: list(z.string()) }),
        initiatedBy,
      }),
      syncResult: obj({
        revision: str,
        revisions: list(z.string()),
        resources: list(resourceResult),
      }),
    }),
    history: list(
      z.object({
        id: z.coerce.number(),
        revision: str,
        revisions: list(z.string()),
        deployedAt: str,
        deployStartedAt: str,
        source: argoSourceSchema.optional().catch(undefined),
        sources: list(argoSourceSchema),
        initiatedBy,
      }),
    ),
    resources: list(
      z.object({
        group: z.string().catch(''),
        version: str,
        kind: z.string(),
        namespace: str,
        name: z.string(),
        status: str,
        health: obj({ status: str, message: str }),
      }),
    ),
    conditions: list(
      z.object({ type: z.string(), message: str, lastTransitionTime: str }),
    ),
    reconciledAt: str,
  }),
});

export type ArgoApplication = z.output<typeof argoApplicationSchema>;

/*
 * The list item: only what the `fields` projection returns and a summary needs, validated with plain
 * wrappers (no per-item transforms) because a refresh decodes thousands of them. A malformed list
 * value is dropped whole rather than item by item; names and types are still checked.
 */
const strings = z.array(z.string()).optional().catch(undefined);
const labels = z.record(z.string(), z.string()).optional().catch(undefined);
const listSource = z.object({
  repoURL: z.string().catch(''),
  path: str,
  targetRevision: str,
  chart: str,
  ref: str,
  name: str,
});

export const argoApplicationListItemSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: str,
    labels,
    annotations: labels,
    creationTimestamp: str,
  }),
  spec: obj({
    project: str,
    source: listSource.optional().catch(undefined),
    sources: z.array(listSource).optional().catch(undefined),
    destination: obj({ server: str, name: str, namespace: str }),
    syncPolicy: obj({
      automated: z.object({ enabled: bool }).nullish().catch(undefined),
    }),
  }),
  operation: obj({ initiatedBy }),
  status: obj({
    health: obj({ status: str, message: str, lastTransitionTime: str }),
    sync: obj({ status: str, revision: str, revisions: strings }),
    summary: obj({ images: strings, externalURLs: strings }),
    operationState: obj({
      phase: str,
      message: str,
      startedAt: str,
      finishedAt: str,
    }),
  }),
});

/** What a summary is made from: a list item, or a full application (a superset). */
export type ArgoApplicationListItem = z.output<
  typeof argoApplicationListItemSchema
>;

/** The list envelope; its items are parsed one by one so that one bad app is skipped, not fatal. */
export const argoApplicationListSchema = z.object({
  metadata: obj({ resourceVersion: str }),
  items: z.array(z.unknown()).nullish(),
});

const resourceRef = z.object({
  group: z.string().catch(''),
  version: str,
  kind: z.string(),
  namespace: str,
  name: z.string(),
  uid: str,
});

export const argoResourceTreeSchema = z.object({
  nodes: list(
    resourceRef.extend({
      parentRefs: list(resourceRef),
      health: obj({ status: str, message: str }),
      info: list(z.object({ name: z.string(), value: z.string().catch('') })),
      images: list(z.string()),
      createdAt: str,
    }),
  ),
});

export type ArgoResourceTree = z.output<typeof argoResourceTreeSchema>;

export const argoVersionSchema = z.object({ Version: str });

const connectionState = obj({ status: str, message: str });

export const argoClusterListSchema = z.object({
  items: list(
    z.object({
      server: z.string().catch(''),
      name: str,
      serverVersion: str,
      connectionState,
      info: obj({
        serverVersion: str,
        connectionState,
        cacheInfo: obj({ lastCacheSyncTime: str }),
        applicationsCount: num,
      }),
    }),
  ),
});

export const argoRevisionMetadataSchema = z.object({
  author: str,
  date: z.string().nullish().catch(undefined),
  message: str,
  tags: list(z.string()),
});

export const argoSessionSchema = z.object({ token: z.string().min(1) });

/** One frame of `/api/v1/stream/applications` (newline-delimited JSON). */
export const argoStreamFrameSchema = z.object({
  result: obj({
    type: str,
    application: z.unknown(),
  }),
  error: obj({ message: str, http_code: num }),
});

/** `ResourceDiff` items of `/managed-resources`; the states are JSON-encoded strings (`"null"` = absent). */
export const argoManagedResourcesSchema = z.object({
  items: list(
    z.object({
      group: z.string().catch(''),
      kind: z.string(),
      namespace: str,
      name: z.string(),
      hook: bool,
      modified: bool,
      targetState: str,
      normalizedLiveState: str,
      liveState: str,
    }),
  ),
});

export type ArgoManagedResources = z.output<typeof argoManagedResourcesSchema>;

/** A core/v1 EventList as `/events` returns it. */
export const argoEventListSchema = z.object({
  items: list(
    z.object({
      type: str,
      reason: str,
      message: str,
      involvedObject: obj({ kind: str, namespace: str, name: str }),
      source: obj({ component: str }),
      reportingComponent: str,
      count: num,
      firstTimestamp: z.string().nullish().catch(undefined),
      lastTimestamp: z.string().nullish().catch(undefined),
      eventTime: z.string().nullish().catch(undefined),
      metadata: obj({ creationTimestamp: str }),
    }),
  ),
});

export type ArgoEventList = z.output<typeof argoEventListSchema>;
