import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import { TRAFFIC_RETENTION_MS, type RequestErrorRow, type TrafficCount } from '../storage/traffic-storage.js';
import { LATENCY_BOUNDS_MS, latencyBucket } from './latency-buckets.js';

/** How often a process adds what it counted to the database. */
export const TRAFFIC_FLUSH_MS = 5000;
/** Errors held between two flushes at most; more in a burst are counted, not logged. */
const MAX_PENDING_ERRORS = 1000;
const MINUTE_MS = 60_000;

/** One project's counts in one minute, in this process since the last flush. */
interface MinuteCounts {
  projectId: string;
  minute: number;
  outcomes: Map<string, number>;
  latency: Uint32Array;
}

export interface TrafficRecorder {
  /** Counts one answered runtime request: a few map operations, no I/O (the hot path). */
  count(projectId: string, status: number, reason: string, ms: number): void;
  /** Keeps an error for the project's error log (written at the next flush). */
  noteError(row: Omit<RequestErrorRow, 'at'>): void;
  /** Adds what was counted to the database now. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

export const outcomeOf = (status: number, reason: string): string =>
  status >= 500 ? '5xx' : status >= 400 ? `4xx:${reason}` : '2xx';

export function createTrafficRecorder(storage: Storage, clock: Clock, logger: Logger, flushMs = TRAFFIC_FLUSH_MS): TrafficRecorder {
  let counts = new Map<string, MinuteCounts>();
  let errors: RequestErrorRow[] = [];
  let lastDrop = 0;
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  function count(projectId: string, status: number, reason: string, ms: number): void {
    const minute = Math.floor(clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    const id = `${projectId}|${minute}`;
    let entry = counts.get(id);
    if (!entry) {
      entry = { projectId, minute, outcomes: new Map(), latency: new Uint32Array(LATENCY_BOUNDS_MS.length) };
      counts.set(id, entry);
    }
    const outcome = outcomeOf(status, reason);
    entry.outcomes.set(outcome, (entry.outcomes.get(outcome) ?? 0) + 1);
    entry.latency[latencyBucket(ms)]! += 1;
  }

  async function flush(): Promise<void> {
    const taken = counts;
    const takenErrors = errors;
    counts = new Map();
    errors = [];
    try {
      await storage.addTrafficCounts(toCounts(taken));
      if (takenErrors.length > 0) await storage.addRequestErrors(takenErrors);
      await dropOldMinutes();
    } catch (error) {
      // Lost rather than retried: the next flush must not grow without bound while the database is away.
      logger.warn({ err: error }, 'traffic counts could not be written; they are lost for this interval');
    }
  }

  async function dropOldMinutes(): Promise<void> {
    const now = clock.now().getTime();
    if (now - lastDrop < 3600_000) return;
    lastDrop = now;
    await storage.dropTrafficBefore(new Date(now - TRAFFIC_RETENTION_MS));
  }

  return {
    count,
    noteError(row) {
      if (errors.length < MAX_PENDING_ERRORS) errors.push({ ...row, at: clock.now() });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

function toCounts(taken: Map<string, MinuteCounts>): TrafficCount[] {
  const rows: TrafficCount[] = [];
  for (const { projectId, minute, outcomes, latency } of taken.values()) {
    const at = new Date(minute);
    for (const [key, count] of outcomes) rows.push({ projectId, minute: at, key, count });
    latency.forEach((count, bucket) => {
      if (count > 0) rows.push({ projectId, minute: at, key: `ms:${bucket}`, count });
    });
  }
  return rows;
}
