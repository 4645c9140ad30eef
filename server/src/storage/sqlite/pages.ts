import { endsPage } from '../page-budget.js';
import type { PageQuery, PageRows } from '../rows.js';
import type { SqliteContext } from './context.js';
import { indexName } from './indexes.js';
import { createBinder, dataKeyOf, drivingSql, sortPathOf, whereSql, type SqlCondition } from './where-sql.js';

const ID = /^[0-9a-f]{32}$/;

export type PagedTable = 'records' | 'users';

/**
 * Above this many bytes, a page row's stored JSON arrives as a Buffer (a BLOB), not a string: it
 * then goes into the answer as bytes, never decoded into a string and encoded again. A 4 MiB page
 * of 256 KiB records took ≈ 12 ms of one synchronous stretch as text and ≈ 2 ms as bytes; below
 * a few KiB a string is the cheaper of the two.
 */
const BYTES_ABOVE = 8 * 1024;

/** What a page reads of each row: every column, `data` as text or bytes (see BYTES_ABOVE), and its size. */
function pageSelect(table: PagedTable, columns: readonly string[]): string {
  const data = `${table}.data`;
  const others = columns.filter((name) => name !== 'data').map((name) => `${table}.${name}`);
  return [...others, `CASE WHEN octet_length(${data}) > ${BYTES_ABOVE} THEN CAST(${data} AS BLOB) ELSE ${data} END AS data`, `octet_length(${data}) AS data_bytes`].join(', ');
}
type RangeQuery = Pick<PageQuery, 'creatorId' | 'where' | 'sort'>;

/** Where a read takes its rows from, and the conditions that pick the endpoint's rows in range. */
interface RangeSource {
  from: string;
  /** The first is always the endpoint's own condition. */
  parts: string[];
  params: Record<string, unknown>;
}

const isDynamic = (query: RangeQuery): boolean => query.where !== undefined || (query.sort !== undefined && query.sort.field !== 'createdAt');

/**
 * The rows of an endpoint in range: its creator, its filter. With a filter or a data sort the
 * statement is dynamic: the endpoint id is written into the SQL (a checked 32-hex id), since
 * SQLite uses a partial index (indexes.ts) only for a query that names its endpoint as a literal,
 * and the statement is prepared per call, never cached (it varies with the filter). A filter test
 * on a declared index drives the read (where-sql.ts drivingSql); else a sort on a declared index
 * walks it in order (`INDEXED BY`).
 */
function rangeSource(table: PagedTable, endpointId: string, query: RangeQuery, declared: readonly string[]): RangeSource {
  if (!isDynamic(query)) {
    const parts = ['endpoint_id = @endpointId', ...(query.creatorId === undefined ? [] : ['creator_id = @creatorId'])];
    const params = query.creatorId === undefined ? { endpointId } : { endpointId, creatorId: query.creatorId };
    return { from: table, parts, params };
  }
  if (!ID.test(endpointId)) throw new Error('invalid endpoint id');
  const endpoint = `endpoint_id = '${endpointId}'`;
  const { bind, params } = createBinder();
  const parts = [endpoint];
  if (query.creatorId !== undefined) parts.push(`creator_id = ${bind(query.creatorId)}`);
  const indexOf = (field: string) => (declared.includes(field) ? indexName(endpointId, field) : null);
  let from: string = table;
  if (query.where !== undefined) {
    const driver = drivingSql(query.where, table, endpoint, indexOf, bind);
    if (driver) from = `(${driver}) AS driver CROSS JOIN ${table} ON ${table}.rowid = driver.driver_rowid`;
    parts.push(whereSql(query.where, bind));
  }
  const sortField = query.sort?.field;
  const sortIndex = sortField === undefined || sortField === 'createdAt' ? null : indexOf(sortField);
  if (from === table && sortIndex) from = `${table} INDEXED BY ${sortIndex}`;
  return { from, parts, params };
}

/** The data fields the endpoint declared indexes on (indexes.ts), read with the query so that it never names a dropped index. */
function declaredIndexes(ctx: SqliteContext, endpointId: string, query: RangeQuery): string[] {
  if (!isDynamic(query)) return [];
  const row = ctx.prepare('SELECT indexes FROM endpoints WHERE id = ?').get(endpointId) as { indexes: string } | undefined;
  return row ? (JSON.parse(row.indexes) as string[]) : [];
}

const prepared = (ctx: SqliteContext, query: RangeQuery, sql: string) => (isDynamic(query) ? ctx.db.prepare(sql) : ctx.prepare(sql));

/**
 * One keyset page of `records` or `users` of an endpoint, in one statement.
 * Order is (key, created_at, unique_id); the cursor row's own key is read by a
 * sub-select, so an unknown cursor compares as NULL and yields an empty page.
 * A JSON null or missing field sorts first (as -Infinity, which JSON cannot hold).
 * `map` parses a row; it runs only on the rows the page answers (see takePage).
 */
export function pageRows<T>(ctx: SqliteContext, table: PagedTable, endpointId: string, query: PageQuery, map: (row: Record<string, unknown>) => T): PageRows<T> {
  const { sql, params } = pageStatement(table, endpointId, query, declaredIndexes(ctx, endpointId, query), ctx.columnsOf(table));
  const rows = prepared(ctx, query, sql).iterate(params) as Iterable<Record<string, unknown>>;
  return takePage(rows, query, (row) => row.data_bytes as number, map);
}

/** The statement of a page (see pageRows), given the endpoint's declared indexes and the table's columns. */
export function pageStatement(table: PagedTable, endpointId: string, query: PageQuery, declared: readonly string[], columns: readonly string[]): SqlCondition {
  const sort = query.sort ?? { field: 'createdAt', direction: 'asc' };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = sort.direction === 'desc' ? '<' : '>';
  const key = sort.field === 'createdAt' ? null : dataKeyOf(sortPathOf(sort.field));
  const keys = key ? [key, 'created_at', 'unique_id'] : ['created_at', 'unique_id'];
  const cols = keys.join(', ');
  const range = rangeSource(table, endpointId, query, declared);
  const where = [...range.parts];
  const params: Record<string, unknown> = { ...range.params, limit: Math.max(0, query.limit) + 1 };
  if (query.after !== undefined) {
    const cursor = (columns: string) => `(SELECT ${columns} FROM ${table} WHERE unique_id = @after AND ${range.parts[0]})`;
    // The bound on the key alone lets an index scan start at the cursor; the row value breaks the ties.
    if (key) where.push(`${key} ${cmp}= ${cursor(key)}`);
    where.push(`(${cols}) ${cmp} ${cursor(cols)}`);
    params.after = query.after;
  }
  const order = keys.map((c) => `${c} ${dir}`).join(', ');
  // Not `LIMIT @limit`: SQLite's planner reads a bare bound LIMIT, so every new binding expires the
  // statement and it is parsed and planned again on each page (~5 µs). The CAST hides it from the planner.
  // One row past the limit tells whether more follow.
  const sql = `SELECT ${pageSelect(table, columns)} FROM ${range.from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT CAST(@limit AS INTEGER)`;
  return { sql, params };
}

/**
 * How many rows of the endpoint are in range (its creator, its filter), stopping at `upTo` when
 * given: the LIMITed sub-select reads at most that many.
 */
export function countRows(ctx: SqliteContext, table: PagedTable, endpointId: string, query: Pick<PageQuery, 'creatorId' | 'where'>, upTo?: number): number {
  const range = rangeSource(table, endpointId, query, declaredIndexes(ctx, endpointId, query));
  const inner = `SELECT 1 FROM ${range.from} WHERE ${range.parts.join(' AND ')}${upTo === undefined ? '' : ' LIMIT CAST(@upTo AS INTEGER)'}`;
  const params = upTo === undefined ? range.params : { ...range.params, upTo: Math.floor(upTo) };
  return (prepared(ctx, query, `SELECT count(*) AS n FROM (${inner})`).get(params) as { n: number }).n;
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
