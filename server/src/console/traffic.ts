import { TRAFFIC_RANGES, type RequestErrorList, type TrafficRange } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { ok, type Result } from '../http/result.js';
import { rangeWindow, trafficSeries } from '../traffic/traffic-series.js';
import type { OwnedRequest } from './console-request.js';
import { getOwnedProject } from './ownership.js';

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** GET /projects/:id/traffic?range=hour|day|week: requests per step by outcome, and latency percentiles. */
export async function getTraffic(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const range = single(req.query.range) ?? 'hour';
  if (!Object.hasOwn(TRAFFIC_RANGES, range)) throw apiError('invalid_parameter', 'range must be hour, day or week.');
  // This process's counts of the last few seconds first, so a single server shows them at once.
  await req.services.traffic.flush();
  const now = req.services.clock.now();
  const { from, to } = rangeWindow(range as TrafficRange, now);
  const counts = await req.services.storage.listTrafficCounts(project.id, from, to);
  return ok(trafficSeries(range as TrafficRange, now, counts));
}

/** GET /projects/:id/request-errors?reason=&endpoint=&limit=: the project's last errors, newest first. */
export async function listRequestErrors(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const limit = Number(single(req.query.limit) ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw apiError('invalid_parameter', 'limit must be an integer from 1 to 200.');
  await req.services.traffic.flush();
  const rows = await req.services.storage.listRequestErrors(project.id, {
    reason: single(req.query.reason) || undefined,
    endpoint: single(req.query.endpoint) || undefined,
    limit,
  });
  const body: RequestErrorList = {
    errors: rows.map((r) => ({
      at: r.at.toISOString(), method: r.method, endpoint: r.endpoint, status: r.status, reason: r.reason, origin: r.origin, requestId: r.requestId,
    })),
  };
  return ok(body);
}
