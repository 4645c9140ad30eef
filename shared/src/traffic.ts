/** The Monitor's console API (GET /projects/:id/traffic and /projects/:id/request-errors). */

export type TrafficRange = 'hour' | 'day' | 'week';

/** Each range's span and the width of one point of its series. */
export const TRAFFIC_RANGES: Readonly<Record<TrafficRange, { spanMs: number; stepMs: number }>> = {
  hour: { spanMs: 3600_000, stepMs: 60_000 },
  day: { spanMs: 86_400_000, stepMs: 600_000 },
  week: { spanMs: 7 * 86_400_000, stepMs: 3600_000 },
};

/** Requests of one project per step, oldest first; every array has one entry per step of `times`. */
export interface TrafficSeries {
  range: TrafficRange;
  stepSeconds: number;
  /** The start of each step, in Unix seconds. */
  times: number[];
  /** Answers below 400 (2xx, and 304 of file downloads). */
  ok: number[];
  /** 4xx answers, by reason (`origin_not_allowed`, …). */
  clientErrors: Record<string, number[]>;
  serverErrors: number[];
  /** Latency percentiles of the step, in ms (the upper bound of the histogram bucket); null without requests. */
  p50Ms: Array<number | null>;
  p99Ms: Array<number | null>;
  totals: { requests: number; ok: number; clientErrors: number; serverErrors: number };
  /** How often each event worth telling the owner happened in the range. */
  notes: Partial<Record<TrafficNote, number>>;
}

/** `cookie_over_plain_http`: a login set the access-token cookie over plain HTTP off localhost, where browsers drop it. */
export type TrafficNote = 'cookie_over_plain_http';

/** One refused or failed runtime request: never keys, tokens or bodies. */
export interface RequestErrorEntry {
  at: string;
  method: string;
  endpoint: string;
  status: number;
  reason: string;
  /** '' when the request had no Origin header. */
  origin: string;
  requestId: string;
}

export interface RequestErrorList {
  errors: RequestErrorEntry[];
}
