import cluster from 'node:cluster';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { RateLimiterCluster, RateLimiterMemory } from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../../clock.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tighten } from '../../private-files.js';
import type { BlobStore } from '../blob-store.js';
import { diskBlobStore } from '../blobs/disk-blob-store.js';
import { composeStorage } from '../compose-storage.js';
import { narrowLimiter } from '../rate-limiter.js';
import type { Storage } from '../storage.js';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../audit-rows.js';
import { auditStore } from './audit.js';
import { createContext, type SqliteContext } from './context.js';
import { emailStore } from './email.js';
import { endpointStore } from './endpoints.js';
import { translateError } from './errors.js';
import { migrate } from './migrations.js';
import { oneTimeTokenStore } from './one-time-tokens.js';
import { ownerStore } from './owners.js';
import { projectStore } from './projects.js';
import { recordStore } from './records.js';
import { sessionStore } from './sessions.js';
import { transferStore } from './transfer.js';
import { trafficStore } from './traffic.js';
import { userStore } from './users.js';

/*
 * The embedded adapter (better-sqlite3): one connection in WAL mode, writes grouped into shared
 * transactions (context.ts), versioned migrations (migrations.ts). Driver errors become
 * StorageErrors (errors.ts) at the seam composeStorage builds, on every method of the stores
 * and on ping and close, and when the file is opened.
 */

export interface SqliteOptions {
  /** A file path, or ':memory:' for a private in-memory database. */
  file: string;
  clock?: Clock;
  /** How long a writer waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /** Audit events older than this many days are swept (AUDIT_RETENTION_DAYS; default 90). */
  auditRetentionDays?: number;
}

/** Where file endpoints' files live: DATA_DIR/files beside DATA_DIR/rested.sqlite; a private directory under the system's temp for an in-memory database (made only once a file comes). */
function defaultFilesDir(file: string): string {
  return file === ':memory:' ? join(tmpdir(), `rested-memory-files-${randomBytes(8).toString('hex')}`) : join(dirname(file), 'files');
}

/** How often expired sessions, one-time tokens and audit events are swept (MongoDB does this with TTL indexes). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  const ctx = createContext(openDatabase(options), options.clock ?? systemClock);
  const retentionMs = (options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * 86_400_000;
  const storage = sqliteStorage(ctx, () => clearInterval(timer), diskBlobStore(defaultFilesDir(options.file)));
  const timer = setInterval(() => {
    sweepExpiredSessions(ctx);
    // Locked past the busy timeout, or closed meanwhile: old events wait for the next sweep.
    storage.deleteAuditEventsBefore(new Date(ctx.now() - retentionMs)).catch(() => undefined);
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return storage;
}

/**
 * The storage on an open, migrated database: the stores with ping and close, each method
 * rejecting with a StorageError for every driver error errors.ts knows, reads as well as writes.
 */
export function sqliteStorage(
  ctx: SqliteContext,
  onClose: () => void = () => undefined,
  blobs: BlobStore = diskBlobStore(defaultFilesDir(':memory:')),
): Storage {
  const stores = { ownerStore, projectStore, endpointStore, recordStore, userStore, sessionStore, emailStore, oneTimeTokenStore, transferStore, auditStore, trafficStore };
  return composeStorage(ctx, stores, {
    kind: 'sqlite',
    async ping() {
      ctx.prepare('SELECT 1').get();
    },
    async close() {
      onClose();
      if (!ctx.db.open) return;
      ctx.flushWrites();
      ctx.db.close();
    },
    // In memory; under WORKERS=N in the cluster primary, so the workers share the counters.
    createRateLimiter: ({ keyPrefix, points, durationSeconds }) =>
      narrowLimiter(
        cluster.isWorker
          ? new RateLimiterCluster({ keyPrefix, points, duration: durationSeconds, timeoutMs: 3000 })
          : new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
      ),
    blobs,
  }, translateError);
}

/** The database file (its directory created), in WAL mode with foreign keys, migrated; closed again if that fails. */
function openDatabase(options: SqliteOptions): Database.Database {
  if (options.file !== ':memory:') makePrivate(options.file);
  const db = new Database(options.file);
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Reads through the OS page cache without a system call per page: a filtered read touches pages
    // spread over the whole file (the records an index finds), which a copy per page would make cost more.
    db.pragma('mmap_size = 268435456');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw translateError(error);
  }
}

/**
 * Makes the database private to the server's user before SQLite opens it. SQLite creates the -wal
 * and -shm files with the mode of the database file, so creating that file 0600 (an empty file is
 * a new database) covers all three; files left wider by an older version are tightened.
 */
function makePrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) tighten(path, PRIVATE_FILE_MODE);
}

function sweepExpiredSessions(ctx: SqliteContext): void {
  const now = ctx.now();
  try {
    ctx.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    ctx.prepare('DELETE FROM owner_sessions WHERE expires_at < ?').run(now);
    ctx.prepare('DELETE FROM one_time_tokens WHERE expires_at < ?').run(now);
  } catch {
    // Locked past the busy timeout, or closed meanwhile: expired rows are refused anyway; next sweep.
  }
}
