import { ResponseError } from '@backstage/errors';

const FALLBACK_NAME = 'slipway-audit.csv';

// A server-chosen name must not pick a directory.
const sanitize = (name: string) =>
  name.replace(/[\\/]/g, '_').trim() || FALLBACK_NAME;

/** The file name a `Content-Disposition` header suggests (RFC 6266, `filename*` preferred). */
export function filenameFromDisposition(header: string | null): string {
  if (!header) return FALLBACK_NAME;
  const extended = header.match(/filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i);
  if (extended) {
    try {
      return sanitize(decodeURIComponent(extended[2].trim()));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = header.match(/filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name ? sanitize(name) : FALLBACK_NAME;
}

/**
 * Fetches `url` through the app's fetch (so the Backstage token is sent) and saves the answer as a
 * file named by its `Content-Disposition`. Throws a `ResponseError` for a non-2xx answer.
 */
export async function downloadCsv(
  fetchApi: { fetch: typeof fetch },
  url: string,
): Promise<string> {
  const response = await fetchApi.fetch(url, {
    headers: { Accept: 'text/csv' },
  });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  const filename = filenameFromDisposition(
    response.headers.get('Content-Disposition'),
  );
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = objectUrl;
    anchor.download = filename;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Revoked after the click has handed the Blob to the browser's download.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 0);
  }
  return filename;
}
