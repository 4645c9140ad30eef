import type { JsonValue } from '@rested/shared';

/*
 * The sortable copy of a record's (or user's) `data`, stored in the `sortable` field next to the
 * exact JSON text in `dataJson`. It exists only so that `sort=data.<path>` runs in MongoDB, and it
 * mirrors what the SQLite adapter sorts by (`json_extract(data, '$.path')`):
 *
 * - Only keys made of [A-Za-z0-9_] are kept: those are the only ones a sort path can name.
 * - Every key gets the prefix `f_`. User data can then never put a key that MongoDB, the BSON
 *   serializer or mongoose treat specially (`__proto__`, `constructor`, `_bsontype`,
 *   `isMongooseArray`, `$…`, `a.b`) into a stored object.
 * - Booleans become 1/0 and arrays become their JSON text, as json_extract answers. Arrays are
 *   thereby never stored, so MongoDB's multikey sort/compare rules never apply.
 * - A non-object `data` has no fields: its copy is null, and every path sorts as missing.
 * - Objects nested deeper than MAX_DEPTH are kept as JSON text (BSON allows 100 levels).
 *
 * One difference remains: an object-valued sort key compares as a BSON object (after all
 * strings) here, and as JSON text (among strings) on SQLite.
 */

export type SortableValue = null | number | string | SortableObject;
export interface SortableObject {
  [key: string]: SortableValue;
}

const SEGMENT = /^[A-Za-z0-9_]+$/;
const KEY_PREFIX = 'f_';
const MAX_DEPTH = 32;

/** The sortable copy of `data` (null unless `data` is an object). */
export function toSortable(data: JsonValue): SortableValue {
  return isJsonObject(data) ? sortableObject(data, 1) : null;
}

function sortableObject(value: { [key: string]: JsonValue }, depth: number): SortableObject {
  const copy: SortableObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (SEGMENT.test(key)) copy[KEY_PREFIX + key] = sortableValue(item, depth);
  }
  return copy;
}

function sortableValue(value: JsonValue, depth: number): SortableValue {
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value) || depth >= MAX_DEPTH) return JSON.stringify(value);
  return sortableObject(value, depth + 1);
}

function isJsonObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The segments of `data.a.b` (`['a', 'b']`); throws on anything but plain segments. */
function segments(field: string): string[] {
  const parts = field.split('.');
  const rest = parts.slice(1);
  if (parts[0] !== 'data' || rest.length === 0 || !rest.every((s) => SEGMENT.test(s))) {
    throw new Error(`invalid sort field ${field}`);
  }
  return rest;
}

/** `data.a.b` → the stored path `sortable.f_a.f_b`. */
export function sortablePath(field: string): string {
  return ['sortable', ...segments(field).map((s) => KEY_PREFIX + s)].join('.');
}

/** The value at `data.<path>` in a stored copy; null when missing (MongoDB sorts both alike). */
export function sortableValueAt(copy: SortableValue | undefined, field: string): SortableValue {
  let current: SortableValue | undefined = copy;
  for (const segment of segments(field)) {
    if (current === null || current === undefined || typeof current !== 'object') return null;
    const key = KEY_PREFIX + segment;
    current = Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current ?? null;
}
