/** The p-th percentile (nearest rank) of samples, in their unit. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export const msSince = (start: bigint) =>
  Number(process.hrtime.bigint() - start) / 1e6;
