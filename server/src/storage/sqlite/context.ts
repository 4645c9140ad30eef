import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../types.js';
import { guard } from './errors.js';

export interface SqliteContext {
  db: Database;
  clock: Clock;
  /** Prepared once per SQL text and reused. */
  prepare(sql: string): Statement;
  now(): number;
}

export function createContext(db: Database, clock: Clock): SqliteContext {
  const cache = new Map<string, Statement>();
  return {
    db,
    clock,
    now: () => clock.now().getTime(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

type Raw = Record<string, unknown>;

export function one<T>(ctx: SqliteContext, map: (r: Raw) => T, sql: string, ...params: unknown[]): T | null {
  const row = ctx.prepare(sql).get(...params) as Raw | undefined;
  return row ? map(row) : null;
}

export function many<T>(ctx: SqliteContext, map: (r: Raw) => T, sql: string, ...params: unknown[]): T[] {
  return (ctx.prepare(sql).all(...params) as Raw[]).map(map);
}

/** Runs a write and answers how many rows it changed; driver errors leave as StorageErrors. */
export function changes(ctx: SqliteContext, sql: string, ...params: unknown[]): number {
  return guard(() => ctx.prepare(sql).run(...params).changes);
}

/** `SET a = @a, b = @b` for the keys present in `values`, mapped to column names. */
export function setClause(values: Record<string, unknown>, columns: Record<string, string>): string {
  return Object.keys(values)
    .map((k) => `${columns[k]} = @${k}`)
    .join(', ');
}
