/** Order statistics for benchmark samples (nearest rank), over the samples that exist. */

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? sorted[0]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const p90 = (values: readonly number[]) => percentile(values, 90);
