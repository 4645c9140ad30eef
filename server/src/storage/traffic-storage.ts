/*
 * A project's traffic, as the Monitor page and /metrics read it: request counts aggregated per
 * minute (each app adds its own counts, so WORKERS=N and several instances add up), and the
 * last errors. Both go when the project goes; minutes older than TRAFFIC_RETENTION_MS are dropped.
 */

/** How long per-minute counts are kept: a week and a day, so "the last week" is always whole. */
export const TRAFFIC_RETENTION_MS = 8 * 24 * 3600 * 1000;
/** How many of a project's newest errors are kept. */
export const REQUEST_ERRORS_KEPT = 200;

/**
 * One counter of one project and minute. `key` names what it counts: `2xx`, `5xx`, `4xx:<reason>`
 * (outcomes), `ms:<bucket>` (a latency histogram bucket, traffic/latency-buckets.ts), or
 * `note:<name>` (an event the owner should hear of: TrafficNote in @rested/shared).
 */
export interface TrafficCount {
  projectId: string;
  /** The start of the minute (UTC, whole minute). */
  minute: Date;
  key: string;
  count: number;
}

/** A refused or failed runtime request, as the owner's error log shows it: never keys, tokens or bodies. */
export interface RequestErrorRow {
  projectId: string;
  requestId: string;
  at: Date;
  method: string;
  /** The endpoint name as the request spelt it (cut to 200 characters). */
  endpoint: string;
  status: number;
  reason: string;
  /** The Origin header, '' when none (cut to 200 characters). */
  origin: string;
}

export interface RequestErrorFilter {
  reason?: string | undefined;
  endpoint?: string | undefined;
  limit: number;
}

export interface TrafficStore {
  /** Adds each count to the stored counter of its project, minute and key (created at 0). */
  addTrafficCounts(counts: readonly TrafficCount[]): Promise<void>;
  /** The counters of the project (of every project for null) with from ≤ minute < to, oldest minute first. */
  listTrafficCounts(projectId: string | null, from: Date, to: Date): Promise<TrafficCount[]>;
  /** Removes the counters of minutes before `before`; answers how many. */
  dropTrafficBefore(before: Date): Promise<number>;
  /** Stores the errors; each project keeps only its REQUEST_ERRORS_KEPT newest. */
  addRequestErrors(rows: readonly RequestErrorRow[]): Promise<void>;
  /** The project's newest errors first, of that reason and endpoint when given. */
  listRequestErrors(projectId: string, filter: RequestErrorFilter): Promise<RequestErrorRow[]>;
}
