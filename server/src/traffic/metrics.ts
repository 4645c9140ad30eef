import { timingSafeEqual, createHash } from 'node:crypto';
import Router from '@koa/router';
import { Gauge, Registry } from 'prom-client';
import type { Services } from '../services.js';
import { apiError } from '../http/api-error.js';
import type { TrafficCount } from '../storage/traffic-storage.js';
import { LATENCY_BOUNDS_MS, quantileOf } from './latency-buckets.js';

const MINUTE_MS = 60_000;
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * GET /metrics in the Prometheus text format, only when METRICS_TOKEN is set (else 404) and only
 * with `Authorization: Bearer <METRICS_TOKEN>`. The figures are the Monitor's, read from the
 * database: the last complete minute of every project, summed over every process and instance.
 */
export function metricsRouter(services: Services): Router {
  const router = new Router();
  const token = services.config.metricsToken;
  if (!token) return router;
  const registry = trafficRegistry(services);
  router.get('/metrics', async (ctx) => {
    const given = ctx.get('Authorization').replace(/^Bearer\s+/i, '');
    if (!timingSafeEqual(digest(given), digest(token))) throw apiError('unauthorized', 'Scrape /metrics with Authorization: Bearer <METRICS_TOKEN>.');
    await services.traffic.flush();
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}

function trafficRegistry(services: Services): Registry {
  const registry = new Registry();
  const latency = new Gauge({
    name: 'rested_request_latency_seconds',
    help: 'Latency percentiles (p50, p99) of the last complete minute, by project (upper bound of its histogram bucket).',
    labelNames: ['project', 'quantile'] as const,
    registers: [],
  });
  const minuteStart = new Gauge({ name: 'rested_metrics_minute_timestamp_seconds', help: 'The start of the minute the other figures describe.', registers: [] });
  // The first gauge serialized reads the minute once and fills the others.
  new Gauge({
    name: 'rested_requests_last_minute',
    help: 'Runtime API requests of the last complete minute, by project, status class and (4xx) reason.',
    labelNames: ['project', 'class', 'reason'] as const,
    registers: [registry],
    async collect() {
      const minute = Math.floor(services.clock.now().getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
      const counts = await services.storage.listTrafficCounts(null, new Date(minute), new Date(minute + MINUTE_MS));
      this.reset();
      latency.reset();
      fill(counts, this, latency);
      minuteStart.set(minute / 1000);
    },
  });
  registry.registerMetric(latency);
  registry.registerMetric(minuteStart);
  return registry;
}

function fill(counts: readonly TrafficCount[], requests: Gauge<'project' | 'class' | 'reason'>, latency: Gauge<'project' | 'quantile'>): void {
  const histograms = new Map<string, number[]>();
  for (const { projectId, key, count } of counts) {
    if (key.startsWith('ms:')) {
      const h = histograms.get(projectId) ?? new Array<number>(LATENCY_BOUNDS_MS.length).fill(0);
      h[Number(key.slice(3))]! += count;
      histograms.set(projectId, h);
    } else {
      const [statusClass, reason = ''] = key.split(':');
      requests.inc({ project: projectId, class: statusClass!, reason }, count);
    }
  }
  for (const [project, h] of histograms) {
    for (const q of [0.5, 0.99]) latency.set({ project, quantile: String(q) }, (quantileOf(h, q) ?? 0) / 1000);
  }
}
