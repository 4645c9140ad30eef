import { TRAFFIC_RANGES, type TrafficNote, type TrafficRange, type TrafficSeries } from '@rested/shared';
import type { TrafficCount } from '../storage/traffic-storage.js';
import { LATENCY_BOUNDS_MS, quantileOf } from './latency-buckets.js';

/** Where a range's steps start: the series ends with the step holding `now`. */
export function rangeWindow(range: TrafficRange, now: Date): { from: Date; to: Date; steps: number; stepMs: number } {
  const { spanMs, stepMs } = TRAFFIC_RANGES[range];
  const to = Math.floor(now.getTime() / stepMs) * stepMs + stepMs;
  return { from: new Date(to - spanMs), to: new Date(to), steps: spanMs / stepMs, stepMs };
}

/** The stored per-minute counters of the window, summed into the range's steps. */
export function trafficSeries(range: TrafficRange, now: Date, counts: readonly TrafficCount[]): TrafficSeries {
  const { from, steps, stepMs } = rangeWindow(range, now);
  const zeros = () => new Array<number>(steps).fill(0);
  const ok = zeros();
  const serverErrors = zeros();
  const clientErrors: Record<string, number[]> = {};
  const notes: Partial<Record<TrafficNote, number>> = {};
  const histograms = Array.from({ length: steps }, () => new Array<number>(LATENCY_BOUNDS_MS.length).fill(0));
  for (const c of counts) {
    const step = Math.floor((c.minute.getTime() - from.getTime()) / stepMs);
    if (step < 0 || step >= steps) continue;
    if (c.key.startsWith('note:')) notes[c.key.slice(5) as TrafficNote] = (notes[c.key.slice(5) as TrafficNote] ?? 0) + c.count;
    else if (c.key.startsWith('ms:')) histograms[step]![Number(c.key.slice(3))]! += c.count;
    else if (c.key === '2xx') ok[step]! += c.count;
    else if (c.key === '5xx') serverErrors[step]! += c.count;
    else (clientErrors[c.key.slice(4)] ??= zeros())[step]! += c.count;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const client = sum(Object.values(clientErrors).map(sum));
  return {
    range,
    stepSeconds: stepMs / 1000,
    times: Array.from({ length: steps }, (_, i) => (from.getTime() + i * stepMs) / 1000),
    ok,
    clientErrors,
    serverErrors,
    p50Ms: histograms.map((h) => quantileOf(h, 0.5)),
    p99Ms: histograms.map((h) => quantileOf(h, 0.99)),
    notes,
    totals: { requests: sum(ok) + client + sum(serverErrors), ok: sum(ok), clientErrors: client, serverErrors: sum(serverErrors) },
  };
}
