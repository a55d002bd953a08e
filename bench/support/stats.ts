/** Order statistics for a handful of repetitions (nearest rank: every figure is a measured sample). */
export interface Summary {
  count: number;
  p50: number;
  max: number;
  min: number;
}

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    p50: quantile(samples, 0.5),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    min: samples.length ? Math.min(...samples) : Number.NaN,
  };
}

export const ratio = (value: number, baseline: number): number =>
  Number.isFinite(value) && Number.isFinite(baseline) && baseline > 0 ? value / baseline : Number.NaN;
