import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { GitopsClient, Release } from '@slipway/plugin-gitops-common';

/** Release details read at once: enough to be quick, few enough not to crowd the gitops backend. */
const DETAIL_CONCURRENCY = 10;

export interface GitopsReleaseReaderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

/** The backend's own words for a failure (`{ error: { message } }`), when it sent them. */
async function messageOf(response: Response): Promise<string> {
  const body = await response.text().catch(() => '');
  try {
    const message = JSON.parse(body)?.error?.message;
    if (typeof message === 'string') return `: ${message}`;
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  return '';
}

/**
 * Reads every release from the gitops backend over HTTP (`GET /releases`, page by page, then
 * `GET /releases/{id}` for the notes), as this plugin with a plugin-to-plugin token. Any answer
 * other than 2xx throws an error naming the URL and the status.
 */
export class GitopsReleaseReader {
  private readonly client: GitopsClient;

  constructor(private readonly options: GitopsReleaseReaderOptions) {
    this.client = new GitopsClient({
      discoveryApi: options.discovery,
      fetchApi: { fetch: this.authorizedFetch },
    });
  }

  async *releases(pageSize: number): AsyncGenerator<Release> {
    let cursor: string | undefined;
    do {
      const page = await this.client.getReleases({ limit: pageSize, cursor });
      for (let i = 0; i < page.items.length; i += DETAIL_CONCURRENCY) {
        const chunk = page.items.slice(i, i + DETAIL_CONCURRENCY);
        yield* await Promise.all(chunk.map(r => this.client.getRelease(r.id)));
      }
      cursor = page.nextCursor;
    } while (cursor);
  }

  private readonly authorizedFetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const { auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'gitops',
    });
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? 'GET';
    const response = await fetch(input, { ...init, headers }).catch(error => {
      throw new Error(`${method} ${url} failed: ${error}`);
    });
    if (!response.ok) {
      throw new Error(
        `${method} ${url} answered ${response.status} ${
          response.statusText
        }${await messageOf(response)}`,
      );
    }
    return response;
  };
}
