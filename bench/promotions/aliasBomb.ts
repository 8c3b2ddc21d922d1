/* eslint-disable no-console */
/**
 * Benchmark: how long planning a promotion takes to refuse a YAML alias bomb (9^9 nodes if expanded)
 * in the source and in the target file, against an ordinary edit of the same file.
 *
 *   npx tsx bench/promotions/aliasBomb.ts [--runs 20]
 */
import { parseArgs } from 'node:util';
import { planApplicationEdit } from '../../plugins/gitops-backend/src/domain/promotion/planApplicationEdit';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' } },
});
const runs = Number(values.runs);

const ordinary =
  'image:\n  repository: ghcr.io/acme/payments-api\n  tag: "1.3.2"\n';
const bomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
  }),
  'image:',
  '  tag: *i',
].join('\n');

function plan(source: string, target: string) {
  return planApplicationEdit({
    promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
    sourcePath: 'apps/a/staging',
    targetPath: 'apps/a/production',
    sourceFiles: { 'values.yaml': source },
    targetFiles: { 'values.yaml': target },
  });
}

function timeMs(label: string, run: () => void) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    try {
      run();
    } catch {
      // The bomb is refused; the time to refuse it is the figure.
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `${label.padEnd(32)} median ${median.toFixed(2)} ms, max ${samples[
      samples.length - 1
    ].toFixed(2)} ms (${runs} runs)`,
  );
}

timeMs('ordinary edit', () =>
  plan(ordinary.replace('1.3.2', '1.4.0'), ordinary),
);
timeMs('alias bomb in the source file', () => plan(bomb, ordinary));
timeMs('alias bomb in the target file', () => plan(ordinary, bomb));
