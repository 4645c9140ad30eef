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
  const gauges = trafficGauges();
  router.get('/metrics', async (ctx) => {
    const given = ctx.get('Authorization').replace(/^Bearer\s+/i, '');
    if (!timingSafeEqual(digest(given), digest(token))) throw apiError('unauthorized', 'Scrape /metrics with Authorization: Bearer <METRICS_TOKEN>.');
    await services.traffic.flush();
    const minute = Math.floor(services.clock.now().getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
    const counts = await services.storage.listTrafficCounts(null, new Date(minute), new Date(minute + MINUTE_MS));
    gauges.requests.reset();
    gauges.latency.reset();
    fill(counts, gauges.requests, gauges.latency);
    gauges.minuteStart.set(minute / 1000);
    ctx.type = gauges.registry.contentType;
    ctx.body = await gauges.registry.metrics();
  });
  return router;
}

/** The gauges of one app, on a registry of its own (never prom-client's global one). */
function trafficGauges() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requests: new Gauge({
      name: 'rested_requests_last_minute',
      help: 'Runtime API requests of the last complete minute, by project, status class and (4xx) reason.',
      labelNames: ['project', 'class', 'reason'] as const,
      registers,
    }),
    latency: new Gauge({
      name: 'rested_request_latency_seconds',
      help: 'Latency percentiles (p50, p99) of the last complete minute, by project (upper bound of its histogram bucket).',
      labelNames: ['project', 'quantile'] as const,
      registers,
    }),
    minuteStart: new Gauge({ name: 'rested_metrics_minute_timestamp_seconds', help: 'The start of the minute the other figures describe.', registers }),
  };
}

function fill(counts: readonly TrafficCount[], requests: Gauge<'project' | 'class' | 'reason'>, latency: Gauge<'project' | 'quantile'>): void {
  const histograms = new Map<string, number[]>();
  for (const { projectId, key, count } of counts) {
    if (key.startsWith('note:')) continue;
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
