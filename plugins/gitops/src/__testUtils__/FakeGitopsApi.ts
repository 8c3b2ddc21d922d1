import { InputError, NotFoundError } from '@backstage/errors';
import type {
  ApplicationActionResult,
  ApplicationDetail,
  ApplicationEvent,
  ApplicationEventsFilter,
  ApplicationEventsResponse,
  ApplicationFilter,
  ApplicationRef,
  ApplicationSummary,
  AuditEvent,
  AuditFilter,
  AuditPage,
  ChangeSearchResponse,
  CreatePromotionResponse,
  DeliveryConfigStatus,
  DoraFilter,
  DoraReport,
  EnvironmentDiffResponse,
  EnvironmentListResponse,
  EnvironmentSummary,
  GitopsApi,
  ListResponse,
  ManagedResourceDiff,
  ManagedResourcesResponse,
  ProductDetail,
  ProductFilter,
  ProductListResponse,
  ProductSummary,
  PromotionPreview,
  PromotionRequest,
  Release,
  ReleaseFilter,
  ReleaseListResponse,
  RevisionMetadata,
  RuntimeError,
  RuntimeHealth,
  SyncApplicationRequest,
  UnassignedApplicationSummary,
} from '@slipway/plugin-gitops-common';
import { FakeReleases, FakeReleasesOptions } from './FakeReleases';
import { schemaChecked } from './schemaCheckedApi';

export interface FakeGitopsApiOptions {
  runtimes?: RuntimeHealth[];
  applications?: ApplicationSummary[];
  details?: ApplicationDetail[];
  metadata?: Record<string, RevisionMetadata>;
  /** Managed resources by application name. */
  managedResources?: Record<string, ManagedResourceDiff[]>;
  /** Events by application name; resource events match `involvedObject.name`. */
  events?: Record<string, ApplicationEvent[]>;
  /** Runtimes that "did not answer" every fan-out read. */
  errors?: RuntimeError[];
  environments?: EnvironmentSummary[];
  products?: ProductSummary[];
  unassigned?: UnassignedApplicationSummary[];
  productDetails?: ProductDetail[];
  diffs?: EnvironmentDiffResponse[];
  configStatus?: DeliveryConfigStatus;
  /** Releases, promotion gates, the signed-in user and whether releases advance on read. */
  releases?: FakeReleasesOptions;
  /** The audit log, in any order; reads answer newest first. */
  auditEvents?: AuditEvent[];
  /** What `GET /metrics/dora` answers for a query (see `insightsFixtures`). */
  dora?: (filter: DoraFilter) => DoraReport;
  /** Answers of `GET /changes`, found by their query (case-insensitive). */
  changes?: ChangeSearchResponse[];
}

const sameRef = (a: ApplicationRef, b: ApplicationRef) =>
  a.runtime === b.runtime && a.namespace === b.namespace && a.name === b.name;

/**
 * An in-memory Slipway backend for tests: answers like the real routes (filters, partial results,
 * 404s) over fixed data, and lets a test make actions fail. Its answers are validated against the
 * OpenAPI document (`schemaCheckedApi`), so a fixture the real backend could not send fails the test.
 */
export class FakeGitopsApi implements GitopsApi {
  runtimes: RuntimeHealth[];
  applications: ApplicationSummary[];
  details: ApplicationDetail[];
  metadata: Record<string, RevisionMetadata>;
  managedResources: Record<string, ManagedResourceDiff[]>;
  events: Record<string, ApplicationEvent[]>;
  /** Every sync request, in order. */
  syncRequests: { ref: ApplicationRef; request: SyncApplicationRequest }[] = [];
  errors: RuntimeError[];
  environments: EnvironmentSummary[];
  products: ProductSummary[];
  unassigned: UnassignedApplicationSummary[];
  productDetails: ProductDetail[];
  diffs: EnvironmentDiffResponse[];
  configStatus: DeliveryConfigStatus;
  auditEvents: AuditEvent[];
  /** The in-memory promotion engine behind the release routes. */
  releases: FakeReleases;
  /** Set to make the next sync or refresh fail with this error. */
  actionError?: Error;
  dora?: (filter: DoraFilter) => DoraReport;
  /** Every DORA query, in order. */
  doraRequests: DoraFilter[] = [];
  changes: ChangeSearchResponse[];

  constructor(options: FakeGitopsApiOptions = {}) {
    this.runtimes = options.runtimes ?? [];
    this.applications = options.applications ?? [];
    this.details = options.details ?? [];
    this.metadata = options.metadata ?? {};
    this.managedResources = options.managedResources ?? {};
    this.events = options.events ?? {};
    this.errors = options.errors ?? [];
    this.environments = options.environments ?? [];
    this.products = options.products ?? [];
    this.unassigned = options.unassigned ?? [];
    this.productDetails = options.productDetails ?? [];
    this.diffs = options.diffs ?? [];
    this.releases = new FakeReleases(this, options.releases);
    this.auditEvents = options.auditEvents ?? [];
    this.dora = options.dora;
    this.changes = options.changes ?? [];
    this.configStatus = options.configStatus ?? {
      repository: 'file:///sandbox/repos/delivery.git',
      branch: 'main',
      commit: '0000000000000000000000000000000000000000',
      loadedAt: '2026-11-22T01:30:00Z',
      problems: [],
    };
    // Every answer is checked against the backend's OpenAPI document, so the fake cannot drift.
    return schemaChecked(this);
  }

  async getEnvironments(): Promise<EnvironmentListResponse> {
    const unassigned = {
      Healthy: 0,
      Progressing: 0,
      Degraded: 0,
      Suspended: 0,
      Missing: 0,
      Unknown: 0,
    };
    const sync = { Synced: 0, OutOfSync: 0, Unknown: 0 };
    for (const a of this.unassigned) {
      unassigned[a.health]++;
      sync[a.sync]++;
    }
    return {
      items: this.environments,
      errors: this.errors,
      unassigned: { total: this.unassigned.length, health: unassigned, sync },
    };
  }

  async getProducts(filter: ProductFilter = {}): Promise<ProductListResponse> {
    const q = filter.q?.toLowerCase();
    const items = this.products.filter(
      ({ product }) =>
        (!filter.owner || product.owner === filter.owner) &&
        (!q ||
          [product.name, product.title, product.description ?? ''].some(t =>
            t.toLowerCase().includes(q),
          )),
    );
    return { items, errors: this.errors, unassigned: this.unassigned };
  }

  async getProduct(name: string): Promise<ProductDetail> {
    const detail = this.productDetails.find(d => d.product.name === name);
    if (!detail) throw new NotFoundError(`No product named '${name}'`);
    return { ...detail, errors: this.errors };
  }

  async getEnvironmentDiff(
    product: string,
    from: string,
    to: string,
  ): Promise<EnvironmentDiffResponse> {
    const diff = this.diffs.find(
      d => d.product === product && d.from === from && d.to === to,
    );
    if (!diff) {
      throw new NotFoundError(`No diff of '${product}' from ${from} to ${to}`);
    }
    return { ...diff, errors: this.errors };
  }

  /** Filters like the real route; the cursor is the id of the last event of the previous page. */
  async getAuditEvents(filter: AuditFilter = {}): Promise<AuditPage> {
    const limit = filter.limit ?? 50;
    const matching = this.auditEvents
      .filter(
        e =>
          (!filter.actor || e.actor === filter.actor) &&
          (!filter.product || e.product === filter.product) &&
          (!filter.environment || e.environment === filter.environment) &&
          (!filter.action || e.action === filter.action) &&
          (!filter.outcome || e.outcome === filter.outcome) &&
          (!filter.from || Date.parse(e.time) >= Date.parse(filter.from)) &&
          (!filter.to || Date.parse(e.time) < Date.parse(filter.to)),
      )
      .sort(
        (a, b) =>
          Date.parse(b.time) - Date.parse(a.time) || b.id.localeCompare(a.id),
      );
    let start = 0;
    if (filter.cursor) {
      start = matching.findIndex(e => e.id === filter.cursor) + 1;
      if (start === 0) throw new InputError(`Invalid cursor ${filter.cursor}`);
    }
    const items = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    return more ? { items, nextCursor: items[items.length - 1].id } : { items };
  }

  async getAuditCsvUrl(filter: AuditFilter = {}): Promise<string> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, format: 'csv' })) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return `http://localhost:7007/api/gitops/audit?${params}`;
  }

  async getDoraMetrics(filter: DoraFilter = {}): Promise<DoraReport> {
    this.doraRequests.push(filter);
    if (
      filter.from &&
      filter.to &&
      Date.parse(filter.from) >= Date.parse(filter.to)
    ) {
      throw new InputError(`Invalid 'from': ${filter.from} is not before 'to'`);
    }
    if (!this.dora) {
      throw new NotFoundError(
        'No delivery repository is configured; DORA metrics need its production-tier environments (gitops.deliveryRepo)',
      );
    }
    return this.dora(filter);
  }

  async getDoraCsvUrl(filter: DoraFilter = {}): Promise<string> {
    const { deployments: _rows, ...series } = filter;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...series, format: 'csv' })) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return `http://localhost:7007/api/gitops/metrics/dora?${params}`;
  }

  async findChange(q: string): Promise<ChangeSearchResponse> {
    if (q.trim().length < 2) {
      throw new InputError(`Invalid 'q': give at least 2 characters`);
    }
    const found = this.changes.find(
      c => c.query.toLowerCase() === q.trim().toLowerCase(),
    );
    return found ?? { query: q, kind: 'text', releases: [], environments: [] };
  }

  previewPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview> {
    return this.releases.preview(product, request);
  }

  createPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<CreatePromotionResponse> {
    return this.releases.create(product, request);
  }

  getReleases(filter?: ReleaseFilter): Promise<ReleaseListResponse> {
    return this.releases.list(filter);
  }

  getRelease(id: string): Promise<Release> {
    return this.releases.get(id);
  }

  retryRelease(id: string): Promise<Release> {
    return this.releases.retry(id);
  }

  terminateRelease(id: string): Promise<Release> {
    return this.releases.terminate(id);
  }

  approveRelease(id: string, request?: { comment?: string }): Promise<Release> {
    return this.releases.approve(id, request?.comment);
  }

  requestFreezeOverride(
    id: string,
    request: { reason: string },
  ): Promise<Release> {
    return this.releases.requestFreezeOverride(id, request.reason);
  }

  approveFreezeOverride(
    id: string,
    request?: { comment?: string },
  ): Promise<Release> {
    return this.releases.approveFreezeOverride(id, request?.comment);
  }

  async getConfigStatus(): Promise<DeliveryConfigStatus> {
    return this.configStatus;
  }

  async getRuntimes(): Promise<ListResponse<RuntimeHealth>> {
    return { items: this.runtimes, errors: this.errors };
  }

  async getRuntime(name: string): Promise<RuntimeHealth> {
    const runtime = this.runtimes.find(r => r.name === name);
    if (!runtime) throw new NotFoundError(`No runtime named '${name}'`);
    return runtime;
  }

  async getApplications(
    filter: ApplicationFilter = {},
  ): Promise<ListResponse<ApplicationSummary>> {
    const q = filter.q?.toLowerCase();
    const items = this.applications.filter(
      a =>
        (!filter.runtime || a.runtime === filter.runtime) &&
        (!filter.product || a.product === filter.product) &&
        (!filter.environment || a.environment === filter.environment) &&
        (!filter.health || a.health.status === filter.health) &&
        (!filter.sync || a.sync.status === filter.sync) &&
        (!q ||
          a.name.toLowerCase().includes(q) ||
          (a.revisionMessage ?? '').toLowerCase().includes(q)),
    );
    const errors = this.errors.filter(
      e => !filter.runtime || e.runtime === filter.runtime,
    );
    return { items, errors };
  }

  async getApplication(ref: ApplicationRef): Promise<ApplicationDetail> {
    const detail = this.details.find(d => sameRef(d, ref));
    if (!detail) throw new NotFoundError(`No application ${ref.name}`);
    return detail;
  }

  async getRevisionMetadata(
    _ref: ApplicationRef,
    revision: string,
  ): Promise<RevisionMetadata> {
    const metadata = this.metadata[revision];
    if (!metadata) throw new NotFoundError(`No revision ${revision}`);
    return metadata;
  }

  async getManagedResources(
    ref: ApplicationRef,
  ): Promise<ManagedResourcesResponse> {
    await this.getApplication(ref);
    return { items: this.managedResources[ref.name] ?? [] };
  }

  async getApplicationEvents(
    ref: ApplicationRef,
    filter: ApplicationEventsFilter = {},
  ): Promise<ApplicationEventsResponse> {
    await this.getApplication(ref);
    const all = this.events[ref.name] ?? [];
    const items = filter.resourceName
      ? all.filter(e => e.involvedObject.name === filter.resourceName)
      : all.filter(e => e.involvedObject.kind === 'Application');
    return { items };
  }

  async syncApplication(
    ref: ApplicationRef,
    request: SyncApplicationRequest = {},
  ): Promise<ApplicationActionResult> {
    const result = await this.act('sync', ref);
    this.syncRequests.push({ ref, request });
    return result;
  }

  async refreshApplication(
    ref: ApplicationRef,
  ): Promise<ApplicationActionResult> {
    return this.act('refresh', ref);
  }

  private async act(
    action: 'sync' | 'refresh',
    ref: ApplicationRef,
  ): Promise<ApplicationActionResult> {
    if (this.actionError) throw this.actionError;
    const application = this.applications.find(a => sameRef(a, ref));
    if (!application) throw new NotFoundError(`No application ${ref.name}`);
    if (action === 'refresh') return { action, application };
    return {
      action,
      application: {
        ...application,
        operation: { phase: 'Running', startedAt: new Date().toISOString() },
      },
    };
  }
}
