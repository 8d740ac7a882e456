/** Small statistics for the bench: percentiles of samples, medians and spreads across repetitions. */

/** Linear-interpolated percentile (p in [0, 100]) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** One figure across repetitions: the median is quoted, min and max show the spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  reps: number[];
}

export function summarize(reps: readonly number[]): Summary {
  return {
    median: median(reps),
    min: reps.length === 0 ? Number.NaN : Math.min(...reps),
    max: reps.length === 0 ? Number.NaN : Math.max(...reps),
    reps: [...reps],
  };
}

/** The most events within any half-open window [t, t + windowMs). */
export function maxInWindow(timesMs: readonly number[], windowMs: number): number {
  const sorted = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (const [end, endTime] of sorted.entries()) {
    while ((sorted[start] ?? endTime) <= endTime - windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** `12.3 ms (11.8–13.0)`: the median, its unit (appended as given), and the spread across repetitions. */
export function formatSummary(summary: Summary, unit: string, digits = 1): string {
  const value = (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const spread =
    summary.reps.length > 1 && summary.min !== summary.max
      ? ` (${value(summary.min)}–${value(summary.max)})`
      : '';
  return `${value(summary.median)}${unit}${spread}`;
}
