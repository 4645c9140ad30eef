/*
 * A validated `where` filter (runtime/where-param.ts builds it from the client's JSON), as both
 * adapters translate it: SQLite into SQL with bound values (sqlite/where-sql.ts), MongoDB into a
 * query document (mongo/where-query.ts). The semantics they share are in docs/querying.md.
 */

export type Scalar = string | number | boolean | null;

/** A path into `data`: names of object keys ([A-Za-z0-9_]+) and array positions (numbers). */
export type DataPath = readonly (string | number)[];

export type WhereField =
  | { kind: 'uniqueId' }
  | { kind: 'time'; name: 'createdAt' | 'updatedAt' }
  /** `field` is the path as the client wrote it (`data.tags.0`), `path` its segments after `data`. */
  | { kind: 'data'; field: string; path: DataPath };

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

/** One operator on one field. On `time` fields, values are milliseconds since the epoch. */
export type FieldTest =
  | { op: 'eq' | 'ne'; value: Scalar }
  | { op: RangeOp; value: string | number | boolean }
  | { op: 'in' | 'nin'; values: Scalar[] }
  | { op: 'exists'; value: boolean }
  | { op: 'startsWith' | 'contains' | 'icontains'; value: string }
  | { op: 'size'; value: number }
  | { op: 'not'; tests: FieldTest[] };

export type WhereNode =
  | { kind: 'and' | 'or' | 'nor'; nodes: WhereNode[] }
  /** Every test holds (an implicit $and). */
  | { kind: 'field'; field: WhereField; tests: FieldTest[] };

/** The data fields a filter names (`data.a.b`), each once: what an index would have to cover. */
export function dataFieldsOf(node: WhereNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === 'field') {
    if (node.field.kind === 'data') into.add(node.field.field);
  } else {
    for (const child of node.nodes) dataFieldsOf(child, into);
  }
  return into;
}

/** Does the filter name `updatedAt`, which has no index? */
export function namesUpdatedAt(node: WhereNode): boolean {
  if (node.kind === 'field') return node.field.kind === 'time' && node.field.name === 'updatedAt';
  return node.nodes.some(namesUpdatedAt);
}

/** Segments of a data field name: `data.tags.0` → ['tags', 0]; `data` → []. */
export function dataPathOf(field: string): DataPath {
  return field.split('.').slice(1).map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}
