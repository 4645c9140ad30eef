import { H, Q, QUERY_LIMITS } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { ok, type Result } from '../http/result.js';
import type { EndpointRow, PageQuery, PageRows, RecordRow, SortSpec, UserRow } from '../storage/rows.js';
import { shape, shapeValues } from '../wire/envelope.js';
import { dataFieldsOf, namesUpdatedAt, type WhereNode } from '../storage/where.js';
import { nextPageHeaders, parsePage } from './page-params.js';
import { queryValue, type RuntimeRequest } from './runtime-request.js';
import { parseWhereParam } from './where-param.js';

/*
 * A read over an endpoint's range (its records, or an auth endpoint's users): `where`, `sort`,
 * `limit`, `after`, `count`, and JSONata's range (docs/querying.md). Shared by read-records and
 * list-users; what is in range (ownership) is the source's business.
 */

export interface RangeSource<T> {
  /** Refuses a cursor the caller may not use (a well-formed uniqueId). */
  checkAfter?(after: string): Promise<void>;
  list(query: PageQuery): Promise<PageRows<T>>;
  /** Rows in range matching `where` (all of them without), stopping at `upTo`. */
  count(filter: { where?: WhereNode | undefined; upTo?: number | undefined }): Promise<number>;
}

export const QUERY_SCAN_MAX = QUERY_LIMITS.scanMax;

/** What JSONata without `limit` may read in all: this many times the page budget. */
const RANGE_BUDGET_PAGES = 4;

/**
 * The rows a GET without uniqueId answers, with its X-Total-Count, X-Next-Cursor and Link
 * headers set in `headers`. With `jsonata` and no `limit`: every row in range (at most
 * QUERY_SCAN_MAX, else 400 too_many_records), so the expression sees the whole endpoint.
 */
export async function readRange<T extends { uniqueId: string }>(req: RuntimeRequest, source: RangeSource<T>, headers: Record<string, string>): Promise<T[]> {
  const page = parsePage(req, { allowDataSort: true });
  const where = parseWhereParam(req);
  if (page.after !== undefined) await source.checkAfter?.(page.after);
  await requireIndexOrSmallRange(req.endpoint, (upTo) => source.count({ upTo }), page.sort, where);
  const query: PageQuery = { ...page, where };
  let rows: T[];
  if (wholeRange(req)) rows = await readWholeRange(req, source, query);
  else {
    const listed = await source.list(query);
    Object.assign(headers, nextPageHeaders(req, listed));
    rows = listed;
  }
  if (req.flags.count) headers[H.totalCount] = String(await source.count({ where }));
  return rows;
}

/** JSONata without `limit` ranges over every row, as on rested.dev; with `limit`, over that page. */
const wholeRange = (req: RuntimeRequest): boolean => Boolean(queryValue(req, Q.jsonata)?.trim()) && !queryValue(req, Q.limit);

async function readWholeRange<T>(req: RuntimeRequest, source: RangeSource<T>, query: PageQuery): Promise<T[]> {
  const scanMax = QUERY_SCAN_MAX.toLocaleString('en-US');
  const advice = 'Narrow it with where (filtered in the database), or page with limit and after and run jsonata on each page.';
  if ((await source.count({ where: query.where, upTo: QUERY_SCAN_MAX + 1 })) > QUERY_SCAN_MAX) {
    throw apiError('too_many_records', `jsonata without limit runs over every record in range, at most ${scanMax}, and more are in range. ${advice}`);
  }
  const maxBytes = RANGE_BUDGET_PAGES * req.services.config.pageBudgetBytes;
  const rows = await source.list({ ...query, limit: QUERY_SCAN_MAX, maxBytes });
  if (rows.more) throw apiError('too_many_records', `jsonata without limit reads at most ${maxBytes} bytes of records, and those in range come to more. ${advice}`);
  return rows;
}

/**
 * A filter or sort on a field without an index scans the range in the database: allowed while it
 * holds at most QUERY_SCAN_MAX rows (counting stops just past it), else 400 index_required
 * naming the field. uniqueId and createdAt are always indexed; updatedAt never is.
 */
export async function requireIndexOrSmallRange(
  endpoint: EndpointRow, countInRange: (upTo: number) => Promise<number>, sort: SortSpec | undefined, where: WhereNode | undefined,
): Promise<void> {
  const fields = where ? [...dataFieldsOf(where)] : [];
  if (sort && sort.field !== 'createdAt') fields.push(sort.field);
  const unindexed = fields.filter((field) => !endpoint.indexes.includes(field));
  if (where && namesUpdatedAt(where)) unindexed.push('updatedAt');
  if (unindexed.length === 0) return;
  if ((await countInRange(QUERY_SCAN_MAX + 1)) <= QUERY_SCAN_MAX) return;
  const field = unindexed[0]!;
  const fix = field === 'updatedAt'
    ? 'updatedAt cannot be indexed: filter on createdAt or an indexed data field instead'
    : `add "${field}" to the endpoint's indexes (dashboard: endpoint settings → Indexes; or PATCH /api/console/projects/<id>/endpoints/<id> with {"indexes": [..., "${field}"]})`;
  throw apiError('index_required', `${field} has no index, and a filter or sort without one is only offered up to ${QUERY_SCAN_MAX.toLocaleString('en-US')} records in range, which this read has more than: ${fix}.`);
}

/** The answer of a read: the rows (one or an array), or the result of `jsonata` on them. */
export async function answerRows(req: RuntimeRequest, rows: RecordRow | UserRow | Array<RecordRow | UserRow>, headers: Record<string, string> = {}): Promise<Result> {
  const expression = queryValue(req, Q.jsonata)?.trim() || undefined; // an empty expression is no expression
  if (expression === undefined) return ok(shape(rows, req.flags.dataOnly), { headers });
  return ok(await req.services.jsonata.evaluate(expression, shapeValues(rows, req.flags.dataOnly), req.project.id), { headers });
}
