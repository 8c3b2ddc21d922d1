/**
 * The p-th percentile (0–100) of the values by linear interpolation between closest ranks (what
 * spreadsheets' PERCENTILE.INC computes); undefined for no values.
 */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}
