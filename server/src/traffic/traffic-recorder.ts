import type { Logger } from 'pino';
import type { TrafficNote } from '@rested/shared';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import { TRAFFIC_RETENTION_MS, type RequestErrorRow, type TrafficCount } from '../storage/traffic-storage.js';
import { LATENCY_BOUNDS_MS, latencyBucket } from './latency-buckets.js';

/** How often a process adds what it counted to the database. */
export const TRAFFIC_FLUSH_MS = 5000;
/**
 * Errors logged per project and flush, and in all, at most: a burst of errors is counted in full
 * but logged in part (the log keeps REQUEST_ERRORS_KEPT anyway), so a flood costs no more to log.
 */
const ERRORS_PER_PROJECT_PER_FLUSH = 20;
const MAX_PENDING_ERRORS = 1000;
const MINUTE_MS = 60_000;

/** One project's counts in one minute, in this process since the last flush. */
interface MinuteCounts {
  minute: number;
  ok: number;
  serverErrors: number;
  /** 4xx answers by reason. */
  clientErrors: Map<string, number>;
  /** Events worth telling the owner, by name (TrafficNote in @rested/shared). */
  notes: Map<string, number>;
  latency: Uint32Array;
}

/** A project's minutes since the last flush: the current one, and those it has moved past. */
interface ProjectCounts {
  current: MinuteCounts;
  earlier: MinuteCounts[];
  /** Errors kept for the log in this interval. */
  errorsNoted: number;
}

export interface TrafficRecorder {
  /** Counts one answered runtime request: a few map operations, no I/O (the hot path). */
  count(projectId: string, status: number, reason: string, ms: number): void;
  /** Counts an event the owner should hear of (stored as `note:<name>`). */
  note(projectId: string, name: TrafficNote): void;
  /** Keeps an error for the project's error log (written at the next flush). */
  noteError(row: Omit<RequestErrorRow, 'at'>): void;
  /** Adds what was counted to the database now. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

const emptyMinute = (minute: number): MinuteCounts => ({ minute, ok: 0, serverErrors: 0, clientErrors: new Map(), notes: new Map(), latency: new Uint32Array(LATENCY_BOUNDS_MS.length) });

export function createTrafficRecorder(storage: Storage, clock: Clock, logger: Logger, flushMs = TRAFFIC_FLUSH_MS): TrafficRecorder {
  let counts = new Map<string, ProjectCounts>();
  let errors: RequestErrorRow[] = [];
  let lastDrop = 0;
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  function minuteOf(projectId: string): ProjectCounts {
    const minute = Math.floor(clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    let entry = counts.get(projectId);
    if (!entry) {
      entry = { current: emptyMinute(minute), earlier: [], errorsNoted: 0 };
      counts.set(projectId, entry);
    } else if (entry.current.minute !== minute) {
      entry.earlier.push(entry.current);
      entry.current = emptyMinute(minute);
    }
    return entry;
  }

  function count(projectId: string, status: number, reason: string, ms: number): void {
    const { current } = minuteOf(projectId);
    if (status < 400) current.ok += 1;
    else if (status >= 500) current.serverErrors += 1;
    else current.clientErrors.set(reason, (current.clientErrors.get(reason) ?? 0) + 1);
    current.latency[latencyBucket(ms)]! += 1;
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
    note(projectId, name) {
      const { current } = minuteOf(projectId);
      current.notes.set(name, (current.notes.get(name) ?? 0) + 1);
    },
    noteError(row) {
      const entry = minuteOf(row.projectId);
      if (entry.errorsNoted >= ERRORS_PER_PROJECT_PER_FLUSH || errors.length >= MAX_PENDING_ERRORS) return;
      entry.errorsNoted += 1;
      errors.push({ ...row, at: clock.now() });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

function toCounts(taken: Map<string, ProjectCounts>): TrafficCount[] {
  const rows: TrafficCount[] = [];
  for (const [projectId, { current, earlier }] of taken) {
    for (const m of [...earlier, current]) {
      const minute = new Date(m.minute);
      const add = (key: string, count: number) => {
        if (count > 0) rows.push({ projectId, minute, key, count });
      };
      add('2xx', m.ok);
      add('5xx', m.serverErrors);
      for (const [reason, count] of m.clientErrors) add(`4xx:${reason}`, count);
      for (const [name, count] of m.notes) add(`note:${name}`, count);
      m.latency.forEach((count, bucket) => add(`ms:${bucket}`, count));
    }
  }
  return rows;
}
