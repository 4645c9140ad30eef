import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RateLimiterCluster, RateLimiterMemory } from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../../clock.js';
import type { Storage } from '../storage.js';
import { narrowLimiter } from '../rate-limiter.js';
import { createContext } from './context.js';
import { endpointStore } from './endpoints.js';
import { migrate } from './migrations.js';
import { ownerStore } from './owners.js';
import { projectStore } from './projects.js';
import { recordStore } from './records.js';
import { sessionStore } from './sessions.js';
import { userStore } from './users.js';

export interface SqliteOptions {
  /** A file path, or ':memory:' for a private in-memory database. */
  file: string;
  clock?: Clock;
  /** How long a writer waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
}

/** How often expired sessions are swept (MongoDB does this with a TTL index). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const ctx = createContext(db, options.clock ?? systemClock);
  const sweep = () => {
    const now = ctx.now();
    try {
      ctx.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
      ctx.prepare('DELETE FROM owner_sessions WHERE expires_at < ?').run(now);
    } catch {
      // Locked past the busy timeout, or closed meanwhile: expired rows are refused anyway; next sweep.
    }
  };
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();

  return {
    kind: 'sqlite',
    async ping() {
      ctx.prepare('SELECT 1').get();
    },
    async close() {
      clearInterval(timer);
      if (!db.open) return;
      ctx.flushWrites();
      db.close();
    },
    ...ownerStore(ctx),
    ...projectStore(ctx),
    ...endpointStore(ctx),
    ...recordStore(ctx),
    ...userStore(ctx),
    ...sessionStore(ctx),
    // In memory; under WORKERS=N in the cluster primary, so the workers share the counters.
    createRateLimiter: ({ keyPrefix, points, durationSeconds }) =>
      narrowLimiter(
        cluster.isWorker
          ? new RateLimiterCluster({ keyPrefix, points, duration: durationSeconds, timeoutMs: 3000 })
          : new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
      ),
  };
}
