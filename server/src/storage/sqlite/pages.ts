import type { Statement } from 'better-sqlite3';
import { endsPage } from '../page-budget.js';
import type { PageQuery, PageRows } from '../rows.js';

const PATH_SEGMENT = /^[A-Za-z0-9_]+$/;

/**
 * Above this many bytes, a page row's stored JSON arrives as a Buffer (a BLOB), not a string: it
 * then goes into the answer as bytes, never decoded into a string and encoded again. A 4 MiB page
 * of 256 KiB records took ≈ 12 ms of one synchronous stretch as text and ≈ 2 ms as bytes; below
 * a few KiB a string is the cheaper of the two.
 */
export const BYTES_ABOVE = 8 * 1024;

/** The select list of a page of `table`: every column but `data`, then `data` (text or bytes, see BYTES_ABOVE) and its size. */
export function pageColumns(prepare: (sql: string) => Statement, table: 'records' | 'users'): string {
  const names = (prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((name) => name !== 'data');
  return [...names, `CASE WHEN octet_length(data) > ${BYTES_ABOVE} THEN CAST(data AS BLOB) ELSE data END AS data`, 'octet_length(data) AS data_bytes'].join(', ');
}

/** `data.a.b` → the JSON path `$."a"."b"`; throws on anything but plain segments. */
export function jsonPath(field: string): string {
  const segments = field.split('.').slice(1);
  if (segments.length === 0 || !segments.every((s) => PATH_SEGMENT.test(s))) throw new Error(`invalid sort field ${field}`);
  return `$.${segments.map((s) => `"${s}"`).join('.')}`;
}

/**
 * One keyset page of `records` or `users` of an endpoint, in one statement.
 * Order is (key, created_at, unique_id); the cursor row's own key is read by a
 * sub-select, so an unknown cursor compares as NULL and yields an empty page.
 * A JSON null or missing field sorts first (as -Infinity, which JSON cannot hold).
 * `map` parses a row; it runs only on the rows the page answers (see takePage).
 */
export function pageRows<T>(
  prepare: (sql: string) => Statement,
  table: { name: 'records' | 'users'; columns: string },
  endpointId: string,
  query: PageQuery,
  map: (row: Record<string, unknown>) => T,
): PageRows<T> {
  const sort = query.sort ?? { field: 'createdAt', direction: 'asc' };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = sort.direction === 'desc' ? '<' : '>';
  const byData = sort.field !== 'createdAt';
  const keys = byData ? ['IFNULL(json_extract(data, @path), -9e999)', 'created_at', 'unique_id'] : ['created_at', 'unique_id'];
  const cols = keys.join(', ');
  const where = ['endpoint_id = @endpointId'];
  if (query.creatorId !== undefined) where.push('creator_id = @creatorId');
  if (query.after !== undefined) {
    where.push(`(${cols}) ${cmp} (SELECT ${cols} FROM ${table.name} WHERE unique_id = @after AND endpoint_id = @endpointId)`);
  }
  const order = keys.map((c) => `${c} ${dir}`).join(', ');
  // Not `LIMIT @limit`: SQLite's planner reads a bare bound LIMIT, so every new binding expires the
  // statement and it is parsed and planned again on each page (~5 µs). The CAST hides it from the planner.
  // One row past the limit tells whether more follow.
  const sql = `SELECT ${table.columns} FROM ${table.name} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT CAST(@limit AS INTEGER)`;
  const params: Record<string, unknown> = { endpointId, limit: Math.max(0, query.limit) + 1 };
  if (byData) params.path = jsonPath(sort.field);
  if (query.creatorId !== undefined) params.creatorId = query.creatorId;
  if (query.after !== undefined) params.after = query.after;
  return takePage(prepare(sql).iterate(params) as Iterable<Record<string, unknown>>, query, (row) => row.data_bytes as number, map);
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
