import type { JsonValue } from '@rested/shared';
import type { DataPath } from '../where.js';

/*
 * The queryable copy of a record's (or user's) `data`, stored in `queryable` beside the exact JSON
 * text, so that `where` runs in MongoDB as a query document (where-query.ts). Unlike the sortable
 * copy it keeps booleans and arrays as they are. Keys are made safe as in sortable.ts (only
 * [A-Za-z0-9_] keys, each with a prefix), and the prefix also stops MongoDB's implicit walk
 * through arrays, which SQLite's json_extract does not do:
 *
 * - keys of an object that is not an array element get `f_`;
 * - keys of an object that is an element of n nested arrays get `e<n>_`.
 *
 * A path `data.items.0.name` becomes `queryable.f_items.0.e1_name`: `e1_` only matches the keys of
 * an object that is itself an array's element, so `data.items.name` (`f_name`) finds nothing inside
 * an array, and `data.items.0.name` nothing inside `items[0]` when that is an array of objects.
 */

const SEGMENT = /^[A-Za-z0-9_]+$/;
const MAX_DEPTH = 32;

export type QueryableValue = null | number | string | boolean | QueryableValue[] | { [key: string]: QueryableValue };

export function toQueryable(data: JsonValue, arrays = 0, depth = 0): QueryableValue {
  if (data === null || typeof data !== 'object') return data;
  if (depth >= MAX_DEPTH) return JSON.stringify(data);
  if (Array.isArray(data)) return data.map((item) => toQueryable(item, arrays + 1, depth + 1));
  const prefix = keyPrefix(arrays);
  const copy: { [key: string]: QueryableValue } = {};
  for (const [key, value] of Object.entries(data)) {
    if (SEGMENT.test(key)) copy[prefix + key] = toQueryable(value, 0, depth + 1);
  }
  return copy;
}

const keyPrefix = (arrays: number): string => (arrays === 0 ? 'f_' : `e${arrays}_`);

/** `['items', 0, 'name']` → `queryable.f_items.0.e1_name`; `[]` → `queryable`. */
export function queryablePath(path: DataPath): string {
  const parts = ['queryable'];
  let arrays = 0;
  for (const segment of path) {
    if (typeof segment === 'number') {
      parts.push(String(segment));
      arrays++;
    } else {
      if (!SEGMENT.test(segment)) throw new Error('invalid path segment');
      parts.push(keyPrefix(arrays) + segment);
      arrays = 0;
    }
  }
  return parts.join('.');
}
