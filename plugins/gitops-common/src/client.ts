import { ResponseError } from '@backstage/errors';
import {
  ApplicationActionResult,
  ApplicationDetail,
  ApplicationFilter,
  ApplicationRef,
  ApplicationSummary,
  ListResponse,
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
