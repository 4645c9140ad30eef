import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../../clock.js';
import { foldCase } from './where-sql.js';

/**
 * The event of an audited change, waiting for the change's first write (sqlite/audit.ts): that
 * write runs `withEvent` after its own work, in its savepoint, so both commit or neither does.
 */
export interface AuditSlot {
  withEvent(result: unknown): void;
}

export interface SqliteContext {
  db: Database;
  clock: Clock;
  /** Prepared once per SQL text and reused. */
  prepare(sql: string): Statement;
  /** The columns of a table, read from the schema at the first call (after the migrations). */
  columnsOf(table: string): readonly string[];
  now(): number;
  /**
   * Runs `fn` (synchronous SQLite work) as one write of the next group commit; settles once that
   * commit is done. A write that throws leaves nothing behind; what it (or the commit) threw rejects
   * the promise as it is; the storage's seam translates driver errors (../compose-storage.ts).
   */
  write<T>(fn: () => T): Promise<T>;
  /** Commits the writes still waiting for their group (before closing the database). */
  flushWrites(): void;
  /**
   * Holds this connection's writes back (they wait in the queue, nothing is refused) until `task`
   * settles: for work another connection does on the file meanwhile (index-build.ts), which
   * would otherwise make a commit here wait for its lock with the event loop blocked.
   */
  holdWrites<T>(task: () => Promise<T>): Promise<T>;
  /**
   * Set by an audited change only while it calls its store method, synchronously (sqlite/audit.ts):
   * SQLite reads are synchronous, so a store method reaches its first write before it yields.
   * The first write takes it; no other request's write can run in between.
   */
  auditSlot: AuditSlot | null;
}

export function createContext(db: Database, clock: Clock): SqliteContext {
  const cache = new Map<string, Statement>();
  const columns = new Map<string, readonly string[]>();
  // The case folding of `where` $icontains (where-sql.ts); deterministic, so an index may hold it.
  db.function('rested_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldCase(text) : text));
  const writes = createWriteQueue(db);
  const ctx: SqliteContext = {
    db,
    clock,
    auditSlot: null,
    now: () => clock.now().getTime(),
    write: (fn) => {
      const slot = ctx.auditSlot;
      ctx.auditSlot = null;
      return writes.write(slot ? () => { const result = fn(); slot.withEvent(result); return result; } : fn);
    },
    flushWrites: writes.flush,
    holdWrites: writes.hold,
    columnsOf(table) {
      let names = columns.get(table);
      if (!names) {
        names = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
        columns.set(table, names);
      }
      return names;
    },
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
  return ctx;
}

type Raw = Record<string, unknown>;

export function one<T>(ctx: SqliteContext, map: (r: Raw) => T, sql: string, ...params: unknown[]): T | null {
  const row = ctx.prepare(sql).get(...params) as Raw | undefined;
  return row ? map(row) : null;
}

export function many<T>(ctx: SqliteContext, map: (r: Raw) => T, sql: string, ...params: unknown[]): T[] {
  return (ctx.prepare(sql).all(...params) as Raw[]).map(map);
}

/** Runs one statement as a write (see `write`) and answers how many rows it changed. */
export function changes(ctx: SqliteContext, sql: string, ...params: unknown[]): Promise<number> {
  return ctx.write(() => ctx.prepare(sql).run(...params).changes);
}

interface PendingWrite {
  fn: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes per transaction at most, so one group never holds the event loop for long (≈ 1–3 ms). */
export const MAX_GROUP = 100;

/**
 * Group commit. A commit costs more than a small write itself (WAL append and index, a share of
 * checkpoints with their fsync: ≈ 90 µs against ≈ 15 µs per insert in a group of 20), and SQLite
 * runs on the event loop. So writes are queued and, once per turn of the event loop, committed
 * together in one IMMEDIATE transaction, each in its own savepoint: a write that throws is rolled
 * back alone. Nothing is reported written before its transaction has committed; if the commit
 * itself fails (locked past the busy timeout), every write of the group fails and none is kept.
 */
export function createWriteQueue(db: Database) {
  const pending: PendingWrite[] = [];
  let holds = 0;
  const inSavepoint = db.transaction((fn: () => unknown) => fn());

  const runGroup = db.transaction((group: PendingWrite[], outcomes: { ok: boolean; value: unknown }[]) => {
    for (const write of group) {
      try {
        outcomes.push({ ok: true, value: inSavepoint(write.fn) });
      } catch (error) {
        outcomes.push({ ok: false, value: error });
      }
    }
  });

  const commitGroup = (group: PendingWrite[]): void => {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      runGroup.immediate(group, outcomes);
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    group.forEach((write, i) => {
      const { ok, value } = outcomes[i]!;
      if (ok) write.resolve(value);
      else write.reject(value);
    });
  };

  const flush = (): void => {
    while (pending.length > 0) commitGroup(pending.splice(0, MAX_GROUP));
  };

  /** The next group, one turn of the event loop later; a long queue yields between groups. */
  const flushOne = (): void => {
    if (holds > 0) return; // the hold's end schedules the queue again
    const group = pending.splice(0, MAX_GROUP);
    if (pending.length > 0) setImmediate(flushOne);
    if (group.length > 0) commitGroup(group);
  };

  return {
    flush,
    async hold<T>(task: () => Promise<T>): Promise<T> {
      holds++;
      try {
        return await task();
      } finally {
        holds--;
        if (holds === 0 && pending.length > 0) setImmediate(flushOne);
      }
    },
    write<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flushOne);
        pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}

/** `SET a = @a, b = @b` for the keys present in `values`, mapped to column names. */
export function setClause(values: Record<string, unknown>, columns: Record<string, string>): string {
  return Object.keys(values)
    .map((k) => `${columns[k]} = @${k}`)
    .join(', ');
}

/**
 * Updates the columns of `patch` whose value is not undefined (mapped by `columns`) and moves
 * updated_at, in the row of `table` with this id; false when there is no such row.
 */
export async function updateById(ctx: SqliteContext, table: string, id: string, patch: Record<string, unknown>, columns: Record<string, string>): Promise<boolean> {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const set = setClause(values, columns);
  const sql = `UPDATE ${table} SET ${set ? `${set}, ` : ''}updated_at = @updatedAt WHERE id = @id`;
  return (await changes(ctx, sql, { ...values, id, updatedAt: ctx.now() })) > 0;
}
