/*
 * The warm readers of the runtimes benchmark, in a process of their own: receiving 100s of MB of
 * answers churns the receiver's memory, which must not be counted as the backend's. Times each GET
 * and reports the samples over IPC.
 */
import http from 'node:http';

function get(url: string, keep: boolean) {
  return new Promise<{ ms: number; text: string }>((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { agent: false }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (keep || res.statusCode !== 200) chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) {
            reject(
              new Error(`${url}: ${res.statusCode} ${text.slice(0, 200)}`),
            );
          } else {
            resolve({ ms: performance.now() - started, text });
          }
        });
      })
      .on('error', reject);
  });
}

async function main() {
  const base = process.env.BENCH_BASE!;
  const product = process.env.BENCH_PRODUCT!;
  const samples = Number(process.env.BENCH_SAMPLES);
  const warm: number[] = [];
  const warmProduct: number[] = [];
  let productApps = 0;
  for (let i = 0; i < samples; i++) {
    warm.push((await get(`${base}/applications`, false)).ms);
    const answer = await get(`${base}/applications?product=${product}`, true);
    warmProduct.push(answer.ms);
    productApps = JSON.parse(answer.text).items.length;
  }
  process.send?.({ warm, warmProduct, productApps });
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
