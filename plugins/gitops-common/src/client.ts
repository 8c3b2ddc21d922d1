import { ResponseError } from '@backstage/errors';
import {
  ApplicationActionResult,
  ApplicationDetail,
  ApplicationEventsResponse,
  ApplicationEventsFilter,
  ApplicationFilter,
  ApplicationRef,
  ApplicationSummary,
  ListResponse,
  ManagedResourcesResponse,
  RefreshApplicationRequest,
  RevisionMetadata,
  RuntimeHealth,
  SyncApplicationRequest,
} from './types';
import {
  DeliveryConfigStatus,
  EnvironmentDiffResponse,
  EnvironmentListResponse,
  ProductDetail,
  ProductFilter,
  ProductListResponse,
} from './delivery';
import {
  CreatePromotionResponse,
  PromotionPreview,
  PromotionRequest,
  Release,
  ReleaseFilter,
  ReleaseListResponse,
} from './releases';
import { AuditFilter, AuditPage } from './audit';
import { ChangeSearchResponse, DoraFilter, DoraReport } from './insights';

/** The parts of Backstage's DiscoveryApi / FetchApi the client needs (frontend or backend). */
export interface GitopsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/** What the Slipway backend offers; implemented over HTTP by {@link GitopsClient}. */
export interface GitopsApi {
  getRuntimes(): Promise<ListResponse<RuntimeHealth>>;
  getRuntime(name: string): Promise<RuntimeHealth>;
  getApplications(
    filter?: ApplicationFilter,
  ): Promise<ListResponse<ApplicationSummary>>;
  getApplication(ref: ApplicationRef): Promise<ApplicationDetail>;
  getRevisionMetadata(
    ref: ApplicationRef,
    revision: string,
    options?: { sourceIndex?: number },
  ): Promise<RevisionMetadata>;
  /** Desired and live state of every managed resource. */
  getManagedResources(ref: ApplicationRef): Promise<ManagedResourcesResponse>;
  /** Events of the application, or of one of its resources. */
  getApplicationEvents(
    ref: ApplicationRef,
    filter?: ApplicationEventsFilter,
  ): Promise<ApplicationEventsResponse>;
  syncApplication(
    ref: ApplicationRef,
    request?: SyncApplicationRequest,
  ): Promise<ApplicationActionResult>;
  refreshApplication(
    ref: ApplicationRef,
    request?: RefreshApplicationRequest,
  ): Promise<ApplicationActionResult>;
  /** Environments in order, with the health of the applications in each. */
  getEnvironments(): Promise<EnvironmentListResponse>;
  /** Products with their version, health and sync in every environment. */
  getProducts(filter?: ProductFilter): Promise<ProductListResponse>;
  getProduct(name: string): Promise<ProductDetail>;
  /** The product's promotable values side by side for two environments. */
  getEnvironmentDiff(
    product: string,
    from: string,
    to: string,
  ): Promise<EnvironmentDiffResponse>;
  /** The delivery repository's commit and every problem in it. */
  getConfigStatus(): Promise<DeliveryConfigStatus>;
  /** The exact files a promotion would commit, without committing. */
  previewPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview>;
  /** Starts a release that promotes the product; answers once it is recorded. */
  createPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<CreatePromotionResponse>;
  getReleases(filter?: ReleaseFilter): Promise<ReleaseListResponse>;
  getRelease(id: string): Promise<Release>;
  retryRelease(id: string): Promise<Release>;
  terminateRelease(id: string, request?: { reason?: string }): Promise<Release>;
  approveRelease(id: string, request?: { comment?: string }): Promise<Release>;
  /** Asks to let a release through the freeze that holds it; `reason` is required. */
  requestFreezeOverride(
    id: string,
    request: { reason: string },
  ): Promise<Release>;
  /** A second person allows the override asked for (not the initiator, not who asked). */
  approveFreezeOverride(
    id: string,
    request?: { comment?: string },
  ): Promise<Release>;
  /** Audit events, newest first. */
  getAuditEvents(filter?: AuditFilter): Promise<AuditPage>;
  /** The URL that downloads the filtered audit log as CSV (`Accept: text/csv`). */
  getAuditCsvUrl(filter?: AuditFilter): Promise<string>;
  /** The four DORA keys over production-tier environments, with their series and definitions. */
  getDoraMetrics(filter?: DoraFilter): Promise<DoraReport>;
  /** The URL that downloads the DORA series as CSV (one row per bucket). */
  getDoraCsvUrl(filter?: DoraFilter): Promise<string>;
  /** Where an issue key, a commit SHA, an author or an image tag runs, per environment. */
  findChange(q: string): Promise<ChangeSearchResponse>;
}

const enc = encodeURIComponent;

function appPath(ref: ApplicationRef): string {
  return `/applications/${enc(ref.runtime)}/${enc(ref.namespace)}/${enc(
    ref.name,
  )}`;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Typed fetch client of the Slipway backend; throws `ResponseError` on any non-2xx answer. */
export class GitopsClient implements GitopsApi {
  private readonly discoveryApi: GitopsClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: GitopsClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...a) => fetch(...a) };
  }

  getRuntimes(): Promise<ListResponse<RuntimeHealth>> {
    return this.request('GET', '/runtimes');
  }

  getRuntime(name: string): Promise<RuntimeHealth> {
    return this.request('GET', `/runtimes/${enc(name)}`);
  }

  getApplications(
    filter: ApplicationFilter = {},
  ): Promise<ListResponse<ApplicationSummary>> {
    return this.request('GET', `/applications${query({ ...filter })}`);
  }

  getApplication(ref: ApplicationRef): Promise<ApplicationDetail> {
    return this.request('GET', appPath(ref));
  }

  getRevisionMetadata(
    ref: ApplicationRef,
    revision: string,
    options: { sourceIndex?: number } = {},
  ): Promise<RevisionMetadata> {
    return this.request(
      'GET',
      `${appPath(ref)}/revisions/${enc(revision)}/metadata${query(options)}`,
    );
  }

  getManagedResources(ref: ApplicationRef): Promise<ManagedResourcesResponse> {
    return this.request('GET', `${appPath(ref)}/managed-resources`);
  }

  getApplicationEvents(
    ref: ApplicationRef,
    filter: ApplicationEventsFilter = {},
  ): Promise<ApplicationEventsResponse> {
    return this.request('GET', `${appPath(ref)}/events${query({ ...filter })}`);
  }

  syncApplication(
    ref: ApplicationRef,
    request: SyncApplicationRequest = {},
  ): Promise<ApplicationActionResult> {
    return this.request('POST', `${appPath(ref)}/sync`, request);
  }

  refreshApplication(
    ref: ApplicationRef,
    request: RefreshApplicationRequest = {},
  ): Promise<ApplicationActionResult> {
    return this.request('POST', `${appPath(ref)}/refresh`, request);
  }

  getEnvironments(): Promise<EnvironmentListResponse> {
    return this.request('GET', '/environments');
  }

  getProducts(filter: ProductFilter = {}): Promise<ProductListResponse> {
    return this.request('GET', `/products${query({ ...filter })}`);
  }

  getProduct(name: string): Promise<ProductDetail> {
    return this.request('GET', `/products/${enc(name)}`);
  }

  getEnvironmentDiff(
    product: string,
    from: string,
    to: string,
  ): Promise<EnvironmentDiffResponse> {
    return this.request(
      'GET',
      `/products/${enc(product)}/diff${query({ from, to })}`,
    );
  }

  getConfigStatus(): Promise<DeliveryConfigStatus> {
    return this.request('GET', '/config/status');
  }

  previewPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview> {
    return this.request(
      'POST',
      `/products/${enc(product)}/promotions/preview`,
      request,
    );
  }

  createPromotion(
    product: string,
    request: PromotionRequest,
  ): Promise<CreatePromotionResponse> {
    return this.request(
      'POST',
      `/products/${enc(product)}/promotions`,
      request,
    );
  }

  getReleases(filter: ReleaseFilter = {}): Promise<ReleaseListResponse> {
    return this.request('GET', `/releases${query({ ...filter })}`);
  }

  getRelease(id: string): Promise<Release> {
    return this.request('GET', `/releases/${enc(id)}`);
  }

  retryRelease(id: string): Promise<Release> {
    return this.request('POST', `/releases/${enc(id)}/retry`, {});
  }

  terminateRelease(
    id: string,
    request: { reason?: string } = {},
  ): Promise<Release> {
    return this.request('POST', `/releases/${enc(id)}/terminate`, request);
  }

  approveRelease(
    id: string,
    request: { comment?: string } = {},
  ): Promise<Release> {
    return this.request('POST', `/releases/${enc(id)}/approve`, request);
  }

  requestFreezeOverride(
    id: string,
    request: { reason: string },
  ): Promise<Release> {
    return this.request(
      'POST',
      `/releases/${enc(id)}/freeze-override`,
      request,
    );
  }

  approveFreezeOverride(
    id: string,
    request: { comment?: string } = {},
  ): Promise<Release> {
    return this.request(
      'POST',
      `/releases/${enc(id)}/freeze-override/approve`,
      request,
    );
  }

  getAuditEvents(filter: AuditFilter = {}): Promise<AuditPage> {
    return this.request('GET', `/audit${query({ ...filter })}`);
  }

  async getAuditCsvUrl(filter: AuditFilter = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('gitops');
    return `${baseUrl}/audit${query({ ...filter, format: 'csv' })}`;
  }

  getDoraMetrics(filter: DoraFilter = {}): Promise<DoraReport> {
    return this.request('GET', `/metrics/dora${query({ ...filter })}`);
  }

  async getDoraCsvUrl(filter: DoraFilter = {}): Promise<string> {
    const { deployments: _rows, ...series } = filter;
    const baseUrl = await this.discoveryApi.getBaseUrl('gitops');
    return `${baseUrl}/metrics/dora${query({ ...series, format: 'csv' })}`;
  }

  findChange(q: string): Promise<ChangeSearchResponse> {
    return this.request('GET', `/changes${query({ q })}`);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('gitops');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
