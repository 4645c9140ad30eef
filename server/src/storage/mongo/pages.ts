import type { Model } from 'mongoose';
import type { PageQuery } from '../rows.js';
import type { DataFields } from './documents.js';
import { afterCursor, cursorProjection, pageOrder, sortOf, type CursorDoc } from './keyset.js';
import { WITHOUT_SORTABLE, type Stored } from './mapping.js';

type PagedDoc = DataFields & { _id: string; endpointId: string; createdAt: Date };

/**
 * One keyset page of an endpoint's records or users (see keyset.ts). The cursor is looked up
 * within the endpoint only; an unknown cursor answers an empty page.
 */
export async function listPage<T extends PagedDoc>(
  model: Model<T>,
  endpointId: string,
  query: PageQuery,
  filter: Record<string, unknown> = {},
): Promise<Array<Stored<T>>> {
  if (query.limit <= 0) return [];
  const order = pageOrder(query.sort);
  const conditions: Record<string, unknown> = { ...filter, endpointId };
  if (query.after !== undefined) {
    const cursor = await model
      .findOne({ _id: query.after, endpointId }, cursorProjection(order))
      .lean<CursorDoc>();
    if (!cursor) return [];
    Object.assign(conditions, afterCursor(order, cursor));
  }
  return model
    .find(conditions, WITHOUT_SORTABLE)
    .sort(sortOf(order))
    .limit(query.limit)
    .allowDiskUse(order.path !== null) // no index serves a data.<path> sort
    .lean<Array<Stored<T>>>();
}
