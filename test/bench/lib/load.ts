import autocannon from 'autocannon';
import { cpuSnapshot, cpuUse, type CpuUse } from './cpu.js';
import type { ServerProcess } from './processes.js';

export interface LoadSpec {
  url: string;
  connections: number;
  /** One request (fixed), or several cycled through per connection; `setupRequest` may change each one. */
  requests: autocannon.Request[];
}

export interface Measured {
  /** Answers with the expected status per second of the measured window. */
  requestsPerSecond: number;
  /** Latency percentiles of the expected answers, in ms (autocannon records whole milliseconds). */
  p50: number;
  p99: number;
  mean: number;
  seconds: number;
  expected: number;
  /** Answers with any other status, connection errors and timeouts. */
  unexpected: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Peak VmRSS of the server process during warm-up and measurement (MB). */
  peakRssMb: number;
  /** CPU use during the measured window (null when two loads overlap and it cannot be split). */
  cpu: CpuUse | null;
  raw: autocannon.Result;
}

export const MB = 1024 * 1024;

export function run(spec: LoadSpec, seconds: number, title?: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: spec.url,
      title,
      connections: spec.connections,
      duration: seconds,
      timeout: 30,
      requests: spec.requests,
    });
    instance.then(resolve, reject);
  });
}

/** Reads a finished autocannon run as the numbers the report uses. */
export function summarize(raw: autocannon.Result, expectedStatus: number, peakRssMb: number, cpu: CpuUse | null = null): Measured {
  const statusCodes = Object.fromEntries(Object.entries(raw.statusCodeStats).map(([code, { count }]) => [code, count]));
  const expected = statusCodes[String(expectedStatus)] ?? 0;
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: expected / raw.duration,
    p50: raw.latency.p50,
    p99: raw.latency.p99,
    mean: raw.latency.mean,
    seconds: raw.duration,
    expected,
    unexpected: total - expected + raw.errors + raw.timeouts,
    statusCodes,
    errors: raw.errors,
    timeouts: raw.timeouts,
    peakRssMb: Math.round((peakRssMb / MB) * 10) / 10,
    cpu,
    raw,
  };
}

/**
 * Warm-up (not recorded), then the measured run. The server's RSS peak covers both, so memory
 * growth during the warm-up is not hidden.
 */
export async function measure(
  server: ServerProcess,
  spec: LoadSpec,
  options: { seconds: number; warmupSeconds: number; expectedStatus: number; title: string },
): Promise<Measured> {
  server.rss.reset();
  if (options.warmupSeconds > 0) await run(spec, options.warmupSeconds, `${options.title} (warm-up)`);
  const before = cpuSnapshot(server.pid);
  const raw = await run(spec, options.seconds, options.title);
  const after = cpuSnapshot(server.pid);
  const total = Object.values(raw.statusCodeStats).reduce((n, { count }) => n + count, 0);
  return summarize(raw, options.expectedStatus, server.rss.peak(), cpuUse(before, after, total));
}
