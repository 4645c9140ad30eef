import { endsPage } from '../page-budget.js';
import type { PageQuery, PageRows } from '../rows.js';
import type { SqliteContext } from './context.js';
import { dataKeyOf, whereSql, type SqlCondition } from './where-sql.js';

const ID = /^[0-9a-f]{32}$/;

export type PagedTable = 'records' | 'users';

/**
 * The conditions that pick an endpoint's rows: the endpoint, the creator and the filter. With a
 * filter or a data sort the endpoint id is written into the SQL (a checked 32-hex id): SQLite uses
 * a partial index (an owner-declared one, indexes.ts) only for a query that names its endpoint as
 * a literal. Such statements vary with the filter, so they are prepared per call, never cached.
 */
export function rangeConditions(endpointId: string, query: Pick<PageQuery, 'creatorId' | 'where'>, literal: boolean): SqlCondition & { parts: string[] } {
  if (literal && !ID.test(endpointId)) throw new Error('invalid endpoint id');
  const parts = [literal ? `endpoint_id = '${endpointId}'` : 'endpoint_id = @endpointId'];
  const params: Record<string, unknown> = literal ? {} : { endpointId };
  if (query.creatorId !== undefined) {
    parts.push('creator_id = @creatorId');
    params.creatorId = query.creatorId;
  }
  if (query.where !== undefined) {
    const filter = whereSql(query.where);
    parts.push(filter.sql);
    Object.assign(params, filter.params);
  }
  return { sql: parts.join(' AND '), params, parts };
}

/**
 * One keyset page of `records` or `users` of an endpoint, in one statement.
 * Order is (key, created_at, unique_id); the cursor row's own key is read by a
 * sub-select, so an unknown cursor compares as NULL and yields an empty page.
 * A JSON null or missing field sorts first (as -Infinity, which JSON cannot hold).
 * `map` parses a row; it runs only on the rows the page answers (see takePage).
 */
export function pageRows<T>(ctx: SqliteContext, table: PagedTable, endpointId: string, query: PageQuery, map: (row: Record<string, unknown>) => T): PageRows<T> {
  const sort = query.sort ?? { field: 'createdAt', direction: 'asc' };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = sort.direction === 'desc' ? '<' : '>';
  const byData = sort.field !== 'createdAt';
  const dynamic = byData || query.where !== undefined;
  const keys = byData ? [dataKeyOf(sortPathOf(sort.field)), 'created_at', 'unique_id'] : ['created_at', 'unique_id'];
  const cols = keys.join(', ');
  const range = rangeConditions(endpointId, query, dynamic);
  const where = [...range.parts];
  const params: Record<string, unknown> = { ...range.params, limit: Math.max(0, query.limit) + 1 };
  if (query.after !== undefined) {
    where.push(`(${cols}) ${cmp} (SELECT ${cols} FROM ${table} WHERE unique_id = @after AND ${range.parts[0]})`);
    params.after = query.after;
  }
  const order = keys.map((c) => `${c} ${dir}`).join(', ');
  // Not `LIMIT @limit`: SQLite's planner reads a bare bound LIMIT, so every new binding expires the
  // statement and it is parsed and planned again on each page (~5 µs). The CAST hides it from the planner.
  // One row past the limit tells whether more follow.
  const sql = `SELECT *, octet_length(data) AS data_bytes FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT CAST(@limit AS INTEGER)`;
  const statement = dynamic ? ctx.db.prepare(sql) : ctx.prepare(sql);
  return takePage(statement.iterate(params) as Iterable<Record<string, unknown>>, query, (row) => row.data_bytes as number, map);
}

/** A sort path names object keys only (`data.a.0` is the key "0"), as on MongoDB's sortable copy. */
export const sortPathOf = (field: string): string[] => field.split('.').slice(1);

/**
 * How many rows of the endpoint are in range (its creator, its filter), stopping at `upTo` when
 * given: the LIMITed sub-select reads at most that many.
 */
export function countRows(ctx: SqliteContext, table: PagedTable, endpointId: string, query: Pick<PageQuery, 'creatorId' | 'where'>, upTo?: number): number {
  const dynamic = query.where !== undefined;
  const range = rangeConditions(endpointId, query, dynamic);
  const inner = `SELECT 1 FROM ${table} WHERE ${range.sql}${upTo === undefined ? '' : ' LIMIT CAST(@upTo AS INTEGER)'}`;
  const sql = `SELECT count(*) AS n FROM (${inner})`;
  const params = upTo === undefined ? range.params : { ...range.params, upTo: Math.floor(upTo) };
  return ((dynamic ? ctx.db.prepare(sql) : ctx.prepare(sql)).get(params) as { n: number }).n;
}

/** The rows of `rows` (in page order) that the page takes (see endsPage); leaving the loop early closes the statement. */
function takePage<R, T>(rows: Iterable<R>, query: PageQuery, bytesOf: (row: R) => number, map: (row: R) => T): PageRows<T> {
  const page: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    bytes += bytesOf(row);
    if (endsPage(query, page.length, bytes)) return Object.assign(page, { more: true });
    page.push(map(row));
  }
  return Object.assign(page, { more: false });
}
