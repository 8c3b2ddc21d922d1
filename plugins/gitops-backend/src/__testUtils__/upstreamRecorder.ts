import { setupServer } from 'msw/node';

/**
 * Records every outgoing HTTP request of the process (to simulators too) without changing it, so tests
 * can count what the backend asked a runtime for.
 */
export function recordUpstream() {
  const server = setupServer();
  const requests: { method: string; url: URL }[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push({ method: request.method, url: new URL(request.url) });
  });
  return {
    start: () => server.listen({ onUnhandledRequest: 'bypass' }),
    stop: () => server.close(),
    reset: () => {
      requests.length = 0;
    },
    /** Paths of every request to `baseUrl`, in order. */
    paths(baseUrl: string): string[] {
      const origin = new URL(baseUrl).origin;
      return requests
        .filter(r => r.url.origin === origin)
        .map(r => r.url.pathname);
    },
    /** Requests to `baseUrl` whose path is exactly `path`. */
    count(baseUrl: string, path: string, method = 'GET'): number {
      const origin = new URL(baseUrl).origin;
      return requests.filter(
        r =>
          r.method === method &&
          r.url.origin === origin &&
          r.url.pathname === path,
      ).length;
    },
  };
}
