import type { Model } from 'mongoose';
import { endsPage } from '../page-budget.js';
import type { PageQuery, PageRows } from '../rows.js';
import type { DataFields } from './documents.js';
import { afterCursor, cursorProjection, pageOrder, sortOf, type CursorDoc } from './keyset.js';
import { WITHOUT_SORTABLE, type Stored } from './mapping.js';
import { whereQuery } from './where-query.js';
import type { WhereNode } from '../where.js';

type PagedDoc = DataFields & { _id: string; endpointId: string; createdAt: Date };

/** Documents fetched per round trip: a page of 1 MiB records does not arrive whole before the budget is checked. */
const BATCH_SIZE = 16;

/**
 * One keyset page of an endpoint's records or users (see keyset.ts). The cursor is looked up
 * within the endpoint only; an unknown cursor answers an empty page. The documents are read one
 * batch at a time and `map` (which parses `dataJson`) runs only on those the page takes (see
 * endsPage); the first one it does not take closes the cursor.
 */
export async function listPage<T extends PagedDoc, R>(
  model: Model<T>,
  endpointId: string,
  query: PageQuery,
  map: (doc: Stored<T>) => R,
  filter: Record<string, unknown> = {},
): Promise<PageRows<R>> {
  const page: R[] = [];
  if (query.limit <= 0) return Object.assign(page, { more: false });
  const order = pageOrder(query.sort);
  const conditions: Record<string, unknown> = { ...filter, endpointId, ...whereCondition(query.where) };
  if (query.after !== undefined) {
    const cursor = await model
      .findOne({ _id: query.after, endpointId }, cursorProjection(order))
      .lean<CursorDoc>();
    if (!cursor) return Object.assign(page, { more: false });
    Object.assign(conditions, afterCursor(order, cursor));
  }
  const docs = model
    .find(conditions, WITHOUT_SORTABLE)
    .sort(sortOf(order))
    .limit(query.limit + 1) // one past the limit tells whether more follow
    .batchSize(BATCH_SIZE)
    .allowDiskUse(order.path !== null) // no index serves a data.<path> sort
    .lean<Array<Stored<T>>>()
    .cursor();
  let bytes = 0;
  for await (const doc of docs) {
    bytes += Buffer.byteLength(doc.dataJson, 'utf8');
    if (endsPage(query, page.length, bytes)) {
      await docs.close();
      return Object.assign(page, { more: true });
    }
    page.push(map(doc));
  }
  return Object.assign(page, { more: false });
}

/** The filter as an $and of one, so it never meets the cursor's own $or at the top level. */
export function whereCondition(where: WhereNode | undefined): Record<string, unknown> {
  return where === undefined ? {} : { $and: [whereQuery(where)] };
}
