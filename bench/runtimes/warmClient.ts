/*
 * The warm readers of the runtimes benchmark, in a process of their own: receiving 100s of MB of
 * answers churns the receiver's memory, which must not be counted as the backend's. Times each GET
 * and reports the samples over IPC.
 */
import { timedGet } from './timedGet';

async function main() {
  const base = process.env.BENCH_BASE!;
  const product = process.env.BENCH_PRODUCT!;
  const samples = Number(process.env.BENCH_SAMPLES);
  const warm: number[] = [];
  const warmProduct: number[] = [];
  let productApps = 0;
  for (let i = 0; i < samples; i++) {
    warm.push((await timedGet(`${base}/applications`, false)).ms);
    const answer = await timedGet(
      `${base}/applications?product=${product}`,
      true,
    );
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
