import type { SyncApplicationRequest } from '@slipway/plugin-gitops-common';
import pLimit from 'p-limit';
import { z } from 'zod/v4';
import {
  ArgoApplication,
  ArgoApplicationListItem,
  argoApplicationListSchema,
  argoApplicationSchema,
  argoClusterListSchema,
  argoEventListSchema,
  argoManagedResourcesSchema,
  argoResourceTreeSchema,
  argoRevisionMetadataSchema,
  argoSessionSchema,
  argoVersionSchema,
} from './argoSchemas';
import { RuntimeConfig, runtimeSecrets } from './config';
import { classifyThrown, RuntimeRequestError, scrub } from './errors';
import { JsonListScanner, MalformedJsonError } from './jsonListScanner';
import { parseListItem } from './normalise';

/** The list projection: what a summary needs, nothing more (Argo CD's `fields` fast path). */
export const APPLICATION_LIST_FIELDS = [
  'metadata.resourceVersion',
  'items.metadata.name',
  'items.metadata.namespace',
  'items.metadata.annotations',
  'items.metadata.labels',
  'items.metadata.creationTimestamp',
  'items.spec.project',
  'items.spec.destination',
  'items.spec.source',
  'items.spec.sources',
  'items.spec.syncPolicy',
  'items.status.summary',
  'items.status.sync.status',
  'items.status.sync.revision',
  'items.status.health',
  'items.status.operationState.phase',
  'items.status.operationState.startedAt',
  'items.status.operationState.finishedAt',
].join(',');

/** Longest stretch of decoding before other work (answers, timers of other runtimes) gets a turn. */
const DECODE_SLICE_MS = 8;

/** Argo CD's own filters of the list: just the apps a targeted read needs. */
export interface ApplicationListQuery {
  /** Exact application name. */
  name?: string;
  /** Kubernetes label selector, e.g. `app.kubernetes.io/part-of=shop`. */
  selector?: string;
}

/** Session tokens are renewed this long before their `exp`. */
const SESSION_MARGIN_MS = 60_000;
/** Lifetime assumed for a session token whose `exp` cannot be read. */
const SESSION_FALLBACK_MS = 5 * 60_000;

export interface ApplicationListResult<T = ArgoApplicationListItem> {
  resourceVersion?: string;
  items: T[];
  /** Items that could not be understood and were left out. */
  skipped: number;
}

/** The parts of Argo CD's `ApplicationSyncRequest` Slipway sends. */
export interface SyncBody {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  strategy?: { apply: { force: boolean } };
  resources?: {
    group: string;
    kind: string;
    namespace?: string;
    name: string;
  }[];
}

/** Slipway's sync request in the shape Argo CD's sync API expects; options left off mean "no". */
export function toSyncBody(request: SyncApplicationRequest): SyncBody {
  const body: SyncBody = {};
  if (request.revision) body.revision = request.revision;
  if (request.prune) body.prune = true;
  if (request.dryRun) body.dryRun = true;
  if (request.force) body.strategy = { apply: { force: true } };
  if (request.resources?.length) {
    body.resources = request.resources.map(r => ({
      group: r.group,
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
    }));
  }
  return body;
}

interface CallOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string | undefined>;
  body?: unknown;
}

interface RequestOptions<S extends z.ZodType> extends CallOptions {
  schema: S;
}

function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Argo CD REST client of one runtime: authentication (static token or cached session), a timeout that
 * covers queueing and transfer (not our decoding), a concurrency limit, and validation of every answer.
 */
export class ArgoCdClient {
  readonly runtime: RuntimeConfig;
  private readonly limit: pLimit.Limit;
  private readonly secrets: string[];
  private session?: { token: string; renewAt: number };
  private login?: Promise<string>;

  constructor(runtime: RuntimeConfig) {
    this.runtime = runtime;
    this.limit = pLimit(Math.max(1, runtime.concurrency));
    this.secrets = runtimeSecrets(runtime);
  }

  /**
   * Lists applications (all, or those a targeted `query` names). The timeout covers the wait for
   * Argo CD's bytes only: the body is taken in whole, then decoded one app at a time in slices that
   * yield to the event loop, so decoding a large list (ours) never holds up another runtime's answer
   * or eats into its timeout. Each app goes to `map` as it is decoded; the raw list is never one
   * string or one parsed tree.
   */
  async listApplications<T = ArgoApplicationListItem>(
    map: (item: ArgoApplicationListItem) => T = item => item as T,
    query: ApplicationListQuery = {},
  ): Promise<ApplicationListResult<T>> {
    const call = 'GET /api/v1/applications';
    const chunks = await this.call(
      '/api/v1/applications',
      { query: { ...query, fields: APPLICATION_LIST_FIELDS } },
      async response => {
        const body: Uint8Array[] = [];
        for await (const chunk of (response.body ??
          []) as AsyncIterable<Uint8Array>) {
          body.push(chunk);
        }
        return body;
      },
    );
    const items: T[] = [];
    let skipped = 0;
    const elements: string[] = [];
    const scanner = new JsonListScanner('items', json => elements.push(json));
    let sliceStart = performance.now();
    try {
      while (chunks.length > 0) {
        scanner.push(chunks.shift()!);
        for (const json of elements.splice(0)) {
          const app = parseListItem(this.parseJson(json, call));
          if (app) items.push(map(app));
          else skipped += 1;
          if (performance.now() - sliceStart >= DECODE_SLICE_MS) {
            await new Promise(resolve => setImmediate(resolve));
            sliceStart = performance.now();
          }
        }
      }
      scanner.end();
    } catch (error) {
      if (!(error instanceof MalformedJsonError)) throw error;
      throw this.badResponse(call, 'malformed JSON');
    }
    const envelope = argoApplicationListSchema.safeParse({
      metadata: scanner.fields.metadata,
      items: scanner.sawList ? [] : scanner.fields.items,
    });
    if (!envelope.success) {
      throw this.badResponse(call, 'an unexpected shape');
    }
    return {
      resourceVersion: envelope.data.metadata?.resourceVersion,
      items,
      skipped,
    };
  }

  getApplication(
    namespace: string,
    name: string,
    refresh?: 'normal' | 'hard',
  ): Promise<ArgoApplication> {
    return this.request(`/api/v1/applications/${encodeURIComponent(name)}`, {
      query: { appNamespace: namespace, refresh },
      schema: argoApplicationSchema,
    });
  }

  getResourceTree(namespace: string, name: string) {
    return this.request(
      `/api/v1/applications/${encodeURIComponent(name)}/resource-tree`,
      { query: { appNamespace: namespace }, schema: argoResourceTreeSchema },
    );
  }

  getRevisionMetadata(
    namespace: string,
    name: string,
    revision: string,
    sourceIndex?: number,
  ) {
    return this.request(
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}/revisions/${encodeURIComponent(revision)}/metadata`,
      {
        query: {
          appNamespace: namespace,
          sourceIndex:
            sourceIndex === undefined ? undefined : String(sourceIndex),
        },
        schema: argoRevisionMetadataSchema,
      },
    );
  }

  getManagedResources(namespace: string, name: string) {
    return this.request(
      `/api/v1/applications/${encodeURIComponent(name)}/managed-resources`,
      {
        query: { appNamespace: namespace },
        schema: argoManagedResourcesSchema,
      },
    );
  }

  /** Events of the app itself, or of one resource of its tree when a resource name or uid is given. */
  listEvents(
    namespace: string,
    name: string,
    resource: {
      resourceNamespace?: string;
      resourceName?: string;
      resourceUID?: string;
    } = {},
  ) {
    return this.request(
      `/api/v1/applications/${encodeURIComponent(name)}/events`,
      {
        query: { appNamespace: namespace, ...resource },
        schema: argoEventListSchema,
      },
    );
  }

  syncApplication(
    namespace: string,
    name: string,
    body: SyncBody,
  ): Promise<ArgoApplication> {
    return this.request(
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      {
        method: 'POST',
        body: { name, appNamespace: namespace, ...body },
        schema: argoApplicationSchema,
      },
    );
  }

  getVersion() {
    return this.request('/api/version', { schema: argoVersionSchema });
  }

  listClusters() {
    return this.request('/api/v1/clusters', { schema: argoClusterListSchema });
  }

  /**
   * Opens the application watch stream. The timeout covers only the response headers; the body is
   * read until `signal` aborts or the server closes it. Not counted against the concurrency limit.
   */
  async openApplicationStream(
    resourceVersion: string | undefined,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const what = `Argo CD stream of runtime '${this.runtime.name}'`;
    // The timeout covers the wait for the headers only: the signal given to fetch also ends the body,
    // and a watch stream is meant to stay open for hours.
    const headersTimeout = new AbortController();
    const timer = setTimeout(
      () =>
        headersTimeout.abort(
          new DOMException('headers timed out', 'TimeoutError'),
        ),
      this.runtime.timeoutMs,
    );
    const combined = AbortSignal.any([signal, headersTimeout.signal]);
    try {
      const response = await this.send(
        'GET',
        this.url('/api/v1/stream/applications', { resourceVersion }),
        undefined,
        combined,
      );
      clearTimeout(timer);
      if (!response.ok || !response.body) {
        throw await this.httpError(response, 'GET /api/v1/stream/applications');
      }
      return response.body;
    } catch (error) {
      clearTimeout(timer);
      throw classifyThrown(
        this.runtime.name,
        error,
        what,
        this.runtime.timeoutMs,
        this.secrets,
      );
    }
  }

  private url(path: string, query: Record<string, string | undefined> = {}) {
    const url = new URL(`${this.runtime.url}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url.toString();
  }

  private async request<S extends z.ZodType>(
    path: string,
    options: RequestOptions<S>,
  ): Promise<z.output<S>> {
    const method = options.method ?? 'GET';
    const text = await this.call(path, options, response => response.text());
    return this.decode(text, options.schema, `${method} ${path}`);
  }

  /**
   * One authenticated call; `read` consumes the successful answer within the concurrency limit and
   * the timeout. Failures come out classified.
   */
  private async call<T>(
    path: string,
    options: CallOptions,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const method = options.method ?? 'GET';
    const what = `Argo CD of runtime '${this.runtime.name}'`;
    const signal = AbortSignal.timeout(this.runtime.timeoutMs);
    try {
      return await raceAbort(
        this.limit(async () => {
          signal.throwIfAborted();
          const url = this.url(path, options.query);
          let response = await this.send(method, url, options.body, signal);
          if (response.status === 401 && this.usesSession()) {
            // The session may have been revoked or expired early: log in again once.
            this.session = undefined;
            response = await this.send(method, url, options.body, signal);
          }
          if (!response.ok)
            throw await this.httpError(response, `${method} ${path}`);
          return read(response);
        }),
        signal,
      );
    } catch (error) {
      throw classifyThrown(
        this.runtime.name,
        error,
        what,
        this.runtime.timeoutMs,
        this.secrets,
      );
    }
  }

  private parseJson(text: string, call: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.badResponse(call, 'malformed JSON');
    }
  }

  private badResponse(call: string, what: string): RuntimeRequestError {
    return new RuntimeRequestError({
      runtime: this.runtime.name,
      kind: 'bad-response',
      message: `Argo CD of runtime '${this.runtime.name}' answered ${call} with ${what}`,
    });
  }

  private decode<S extends z.ZodType>(
    text: string,
    schema: S,
    call: string,
  ): z.output<S> {
    const json = this.parseJson(text, call);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.badResponse(call, 'an unexpected shape');
    return parsed.data;
  }

  private usesSession(): boolean {
    return !this.runtime.auth.token;
  }

  private async send(
    method: string,
    url: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<Response> {
    const token = await this.bearer(signal);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  }

  private async bearer(signal: AbortSignal): Promise<string> {
    if (this.runtime.auth.token) return this.runtime.auth.token;
    if (this.session && Date.now() < this.session.renewAt) {
      return this.session.token;
    }
    if (!this.login) {
      this.login = this.createSession(signal).finally(() => {
        this.login = undefined;
      });
    }
    return this.login;
  }

  private async createSession(signal: AbortSignal): Promise<string> {
    const response = await fetch(this.url('/api/v1/session'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: this.runtime.auth.username,
        password: this.runtime.auth.password,
      }),
      signal,
    });
    if (!response.ok)
      throw await this.httpError(response, 'POST /api/v1/session');
    const { token } = this.decode(
      await response.text(),
      argoSessionSchema,
      'POST /api/v1/session',
    );
    const expiry = jwtExpiry(token);
    this.session = {
      token,
      renewAt: expiry
        ? expiry - SESSION_MARGIN_MS
        : Date.now() + SESSION_FALLBACK_MS,
    };
    return token;
  }

  private async httpError(
    response: Response,
    call: string,
  ): Promise<RuntimeRequestError> {
    let upstream: string | undefined;
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        upstream = typeof body?.message === 'string' ? body.message : undefined;
      } catch {
        upstream = text.slice(0, 200) || undefined;
      }
    } catch {
      upstream = undefined;
    }
    upstream = upstream && scrub(upstream.slice(0, 300), this.secrets);
    const prefix = `Argo CD of runtime '${this.runtime.name}' answered ${call} with ${response.status}`;
    return new RuntimeRequestError({
      runtime: this.runtime.name,
      kind: response.status === 401 ? 'unauthorized' : 'bad-response',
      status: response.status,
      upstreamMessage: upstream,
      message: upstream ? `${prefix}: ${upstream}` : prefix,
    });
  }
}
