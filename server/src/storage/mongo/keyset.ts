import type { SortSpec } from '../rows.js';
import { op } from './context.js';
import { sortablePath, sortableValueAt, type SortableValue } from './sortable.js';

/*
 * Keyset pagination. The order is (key, createdAt, _id) in the sort direction, where key is a
 * path in the sortable copy, or absent for the createdAt sort. The cursor document's own values
 * bound the next page with an $or: "key beyond it, or key equal and createdAt beyond it, or
 * both equal and _id beyond it".
 *
 * MongoDB sorts across types (null/missing < numbers < strings < objects) but `$gt`/`$lt` only
 * match values of the cursor's own type, so values of the types lying beyond the cursor's type
 * are added to the $or by `$type` (and `null`, which also matches a missing field).
 */

export type Direction = 1 | -1;
type Filter = Record<string, unknown>;

/** What the page filter needs from the cursor document. */
export interface CursorDoc {
  _id: string;
  createdAt: Date;
  sortable?: SortableValue;
}

export interface PageOrder {
  field: SortSpec['field'];
  /** The stored path of the sort key; null for createdAt. */
  path: string | null;
  direction: Direction;
}

const TYPE_ORDER = ['null', 'number', 'string', 'object'] as const;

export function pageOrder(sort: SortSpec | undefined): PageOrder {
  const field = sort?.field ?? 'createdAt';
  const direction: Direction = sort?.direction === 'desc' ? -1 : 1;
  return { field, path: field === 'createdAt' ? null : sortablePath(field), direction };
}

export function sortOf(order: PageOrder): Record<string, Direction> {
  const { path, direction } = order;
  return { ...(path ? { [path]: direction } : {}), createdAt: direction, _id: direction };
}

/** The projection that loads what a cursor needs. */
export function cursorProjection(order: PageOrder): Record<string, 1> {
  return { createdAt: 1, ...(order.path ? { [order.path]: 1 } : {}) };
}

/** The condition "strictly after `cursor` in `order`", to merge into the page filter. */
export function afterCursor(order: PageOrder, cursor: CursorDoc): Filter {
  const beyond = order.direction === 1 ? '$gt' : '$lt';
  const fromCursor = order.direction === 1 ? '$gte' : '$lte';
  const ties = [
    { createdAt: op({ [beyond]: cursor.createdAt }) },
    { createdAt: cursor.createdAt, _id: op({ [beyond]: cursor._id }) },
  ];
  if (!order.path) {
    // The extra bound on createdAt lets the index scan start at the cursor.
    return { createdAt: op({ [fromCursor]: cursor.createdAt }), $or: ties };
  }
  const path = order.path;
  const value = sortableValueAt(cursor.sortable, order.field);
  const equal = value === null ? null : op({ $eq: value });
  return {
    $or: [
      ...(value === null ? [] : [{ [path]: op({ [beyond]: value }) }]),
      ...typesBeyond(value, order.direction).map((type) => typeCondition(path, type)),
      ...ties.map((tie) => ({ [path]: equal, ...tie })),
    ],
  };
}

function typeRank(value: SortableValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}

function typesBeyond(value: SortableValue, direction: Direction): Array<(typeof TYPE_ORDER)[number]> {
  const rank = typeRank(value);
  return TYPE_ORDER.filter((_, i) => (direction === 1 ? i > rank : i < rank));
}

function typeCondition(path: string, type: (typeof TYPE_ORDER)[number]): Filter {
  // `{path: null}` matches both null and a missing field, which sort together.
  return { [path]: type === 'null' ? null : op({ $type: type }) };
}
