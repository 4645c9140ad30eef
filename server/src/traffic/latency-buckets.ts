/**
 * Latency histogram buckets: upper bounds in ms. Counts per bucket add up across processes, so
 * p50 and p99 of a minute (or an hour) are read from the summed histogram, never averaged.
 * A percentile is answered as the upper bound of its bucket (at most ~50 % above the truth).
 */
export const LATENCY_BOUNDS_MS = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 30_000, Infinity] as const;

/** The bucket of a duration: the first whose bound it does not exceed. */
export function latencyBucket(ms: number): number {
  let i = 0;
  while (ms > LATENCY_BOUNDS_MS[i]!) i += 1;
  return i;
}

/** The `q` quantile (0..1) of a histogram (counts by bucket), as its bucket's bound (the last finite bound for the open bucket); null when empty. */
export function quantileOf(histogram: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < histogram.length; i += 1) total += histogram[i]!;
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    seen += histogram[i]!;
    if (seen >= rank) return Math.min(LATENCY_BOUNDS_MS[i]!, LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 2]!);
  }
  return null;
}
