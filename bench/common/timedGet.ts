/* One timed GET, shared by the benchmarks. */
import http from 'node:http';

/**
 * GET without keep-alive, so a closing idle socket never fails a sample. Keeps the body only when
 * asked to: the benchmark's own buffers must not count as the measured process's memory. Any status
 * but 200 fails the sample.
 */
export function timedGet(
  url: string,
  keep: boolean,
): Promise<{ ms: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { agent: false }, res => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keep || res.statusCode !== 200) chunks.push(chunk);
        });
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) {
            reject(
              new Error(`${url}: ${res.statusCode} ${text.slice(0, 200)}`),
            );
          } else {
            resolve({ ms, bytes, text });
          }
        });
      })
      .on('error', reject);
  });
}
