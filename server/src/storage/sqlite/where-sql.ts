import type { DataPath, FieldTest, Scalar, WhereField, WhereNode } from '../where.js';

/*
 * A WhereNode as an SQL condition on `records` or `users`, every value a bound parameter. The only
 * text written into the SQL besides fixed keywords are JSON paths, built from segments that are
 * checked here again to be [A-Za-z0-9_]+ or whole numbers, so no client text can end a literal.
 *
 * A data field is read as `IFNULL(json_extract(data, '<path>'), -9e999)`: the same expression an
 * owner-declared index holds (indexes.ts) and a data sort orders by, so the planner can use the
 * index for equality, ranges, $in and $startsWith. JSON null and a missing field both read as
 * -9e999 (-Infinity, which JSON cannot hold). `json_type` tells the JSON type apart, since
 * json_extract answers 1/0 for booleans and JSON text for arrays and objects.
 *
 * As in MongoDB, a test on a field holding an array also matches when an element passes it
 * (json_each); $size and $exists look at the field itself. Negations ($ne, $nin, $not, $nor) are
 * the negation of the positive test, so they match a missing field too.
 */

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** A sort path names object keys only (`data.a.0` is the key "0"), as on MongoDB's sortable copy. */
export const sortPathOf = (field: string): string[] => field.split('.').slice(1);

const SEGMENT = /^[A-Za-z0-9_]+$/;
const NUMBER_TYPES = "('integer','real')";
const NULL_KEY = '-9e999';
/** Above every string SQLite can hold in binary order, for a prefix's upper bound. */
const LAST_CHAR = String.fromCodePoint(0x10ffff);

/** `['a', 0, 'b']` → `$."a"[0]."b"`; throws on any other segment. */
export function jsonPathOf(path: DataPath): string {
  return path.reduce<string>((acc, s) => {
    if (typeof s === 'number') {
      if (!Number.isSafeInteger(s) || s < 0) throw new Error('invalid array position');
      return `${acc}[${s}]`;
    }
    if (!SEGMENT.test(s)) throw new Error('invalid path segment');
    return `${acc}."${s}"`;
  }, '$');
}

/** The key an index on this data path holds and a sort orders by. */
export const dataKeyOf = (path: DataPath): string => `IFNULL(json_extract(data, '${jsonPathOf(path)}'), ${NULL_KEY})`;

/** What a scalar test reads: the value (as json_extract answers it) and its JSON type. */
interface Operand {
  value: string;
  type: string;
}

export type Bind = (value: unknown) => string;

/** Parameters named w0, w1, …, collected as they are bound. */
export function createBinder(): { bind: Bind; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  let n = 0;
  const bind = (value: unknown): string => {
    const name = `w${n++}`;
    params[name] = typeof value === 'boolean' ? Number(value) : value;
    return `@${name}`;
  };
  return { bind, params };
}

/** The tests an index can serve as a range of its key: what may drive a query (see drivingSql). */
const SARGABLE = new Set<FieldTest['op']>(['eq', 'in', 'gt', 'gte', 'lt', 'lte', 'startsWith']);

/**
 * A sub-select of the rowids (as `driver_rowid`: one lookup each in the table) that one field
 * of the filter's top-level AND could match, read from the owner-declared index of that field
 * (`indexOf` names it, or answers null). The scalar values and the arrays (whose JSON text starts
 * with "[") are two ranges of the index, hence a UNION (which also answers once a row that a
 * string bound finds in both); each side is `INDEXED BY` the index, so SQLite's planner, which
 * has no statistics, cannot prefer a walk of the whole endpoint. Null when no test qualifies.
 * The caller joins the rows to it and still applies the whole filter.
 */
export function drivingSql(node: WhereNode, table: string, endpointCondition: string, indexOf: (field: string) => string | null, bind: Bind): string | null {
  const candidates = node.kind === 'and' ? node.nodes : [node];
  for (const candidate of candidates) {
    if (candidate.kind !== 'field' || candidate.field.kind !== 'data') continue;
    const index = indexOf(candidate.field.field);
    const tests = candidate.tests.filter((t) => SARGABLE.has(t.op) && !(t.op === 'in' && t.values.length === 0));
    if (!index || tests.length === 0) continue;
    const path = jsonPathOf(candidate.field.path);
    const key = dataKeyOf(candidate.field.path);
    const from = `SELECT rowid AS driver_rowid FROM ${table} INDEXED BY ${index} WHERE ${endpointCondition}`;
    // A scalar value passes every test itself (so $gte and $lt bound one range); an array may pass each with another element.
    const scalars = all(tests.map((test) => keyBoundSql(key, test, bind)));
    return `${from} AND ${scalars} UNION ${from} AND ${elementsSql(path, key, tests[0]!, bind)}`;
  }
  return null;
}

/** The whole filter as a condition on a row of `records` or `users`. */
export function whereSql(node: WhereNode, bind: Bind): string {
  if (node.kind === 'field') return all(node.tests.map((t) => fieldTestSql(node.field, t, bind)));
  const parts = node.nodes.map((child) => whereSql(child, bind));
  if (node.kind === 'and') return all(parts);
  const any = parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
  return node.kind === 'or' ? any : negate(any);
}

const all = (parts: string[]): string => (parts.length === 0 ? '1' : `(${parts.join(' AND ')})`);
/** NOT of a condition that may be NULL (a JSON type test on a missing field): NULL counts as false first. */
const negate = (sql: string): string => `(NOT IFNULL(${sql}, 0))`;

function fieldTestSql(field: WhereField, test: FieldTest, bind: Bind): string {
  if (test.op === 'not') return negate(all(test.tests.map((t) => fieldTestSql(field, t, bind))));
  if (test.op === 'ne') return negate(fieldTestSql(field, { op: 'eq', value: test.value }, bind));
  if (test.op === 'nin') return negate(fieldTestSql(field, { op: 'in', values: test.values }, bind));
  if (field.kind !== 'data') return envelopeSql(field.kind === 'uniqueId' ? 'unique_id' : field.name === 'createdAt' ? 'created_at' : 'updated_at', test, bind);
  const path = jsonPathOf(field.path);
  const type = `json_type(data, '${path}')`;
  if (test.op === 'exists') return test.value ? `(${type} IS NOT NULL)` : `(${type} IS NULL)`;
  if (test.op === 'size') return `(${type} = 'array' AND json_array_length(data, '${path}') = ${bind(test.value)})`;
  const key = dataKeyOf(field.path);
  return `(${scalarSql({ value: key, type }, test, bind, true)} OR ${elementsSql(path, key, test, bind)})`;
}

/** The test on the elements of an array field. An array's JSON text starts with "[": that range of the key finds the arrays. */
function elementsSql(path: string, key: string, test: FieldTest, bind: Bind): string {
  const onElement = scalarSql({ value: 'e.value', type: 'e.type' }, test, bind, false);
  return `(${key} >= '[' AND ${key} < '\\' AND json_type(data, '${path}') = 'array' AND EXISTS (SELECT 1 FROM json_each(data, '${path}') AS e WHERE ${onElement}))`;
}

/**
 * The bound a test puts on the index key alone, for the driving sub-select: a superset of the
 * test (no JSON type check; the whole filter is applied to the rows it finds), and nothing but
 * the key compared with bound values, so SQLite takes exactly these bounds for its index range.
 */
function keyBoundSql(key: string, test: FieldTest, bind: Bind): string {
  switch (test.op) {
    case 'eq':
      return test.value === null ? `${key} = ${NULL_KEY}` : `${key} = ${bind(test.value)}`;
    case 'in':
      return `${key} IN (${test.values.map((v) => (v === null ? NULL_KEY : bind(v))).join(', ')})`;
    case 'gt': case 'gte': case 'lt': case 'lte':
      return `${key} ${RANGE_SQL[test.op]} ${bind(test.value)}`;
    case 'startsWith':
      return `${key} >= ${bind(test.value)} AND ${key} < ${bind(test.value + LAST_CHAR)}`;
    default:
      throw new Error(`no index bound for ${test.op}`);
  }
}

/** A test on one value. `keyed`: the value is the field's key (nulls read as -9e999), not an array element. */
function scalarSql(on: Operand, test: FieldTest, bind: Bind, keyed: boolean): string {
  switch (test.op) {
    case 'eq':
      return equalSql(on, test.value, bind, keyed);
    case 'in':
      return test.values.length === 0 ? '0' : `(${test.values.map((v) => equalSql(on, v, bind, keyed)).join(' OR ')})`;
    case 'gt': case 'gte': case 'lt': case 'lte':
      return rangeSql(on, test.op, test.value, bind);
    case 'startsWith': {
      const prefix = bind(test.value);
      return `(${on.type} = 'text' AND ${on.value} >= ${prefix} AND ${on.value} < ${bind(test.value + LAST_CHAR)} AND substr(${on.value}, 1, length(${prefix})) = ${prefix})`;
    }
    case 'contains':
      return `(${on.type} = 'text' AND instr(${on.value}, ${bind(test.value)}) > 0)`;
    case 'icontains':
      return `(${on.type} = 'text' AND instr(rested_fold(${on.value}), ${bind(foldCase(test.value))}) > 0)`;
    default:
      throw new Error(`no scalar form for ${test.op}`);
  }
}

function equalSql(on: Operand, value: Scalar, bind: Bind, keyed: boolean): string {
  if (value === null) return keyed ? `(${on.value} = ${NULL_KEY})` : `(${on.type} = 'null')`;
  if (typeof value === 'boolean') return `(${on.value} = ${bind(value)} AND ${on.type} = '${value}')`;
  const types = typeof value === 'number' ? `IN ${NUMBER_TYPES}` : `= 'text'`;
  return `(${on.value} = ${bind(value)} AND ${on.type} ${types})`;
}

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Only values of the operand's type match. In SQLite's order every number sorts before every
 * string, so the extra bound (`< ''` for numbers, `>= ''` for strings) keeps an index scan to them.
 */
function rangeSql(on: Operand, op: keyof typeof RANGE_SQL, value: string | number | boolean, bind: Bind): string {
  const cmp = `${on.value} ${RANGE_SQL[op]} ${bind(value)}`;
  if (typeof value === 'string') return `(${cmp} AND ${on.value} >= '' AND ${on.type} = 'text')`;
  const types = typeof value === 'number' ? NUMBER_TYPES : "('true','false')";
  return `(${cmp} AND ${on.value} > ${NULL_KEY} AND ${on.value} < '' AND ${on.type} IN ${types})`;
}

function envelopeSql(column: string, test: FieldTest, bind: Bind): string {
  switch (test.op) {
    case 'eq':
      return `(${column} = ${bind(test.value)})`;
    case 'in':
      return test.values.length === 0 ? '0' : `(${column} IN (${test.values.map(bind).join(', ')}))`;
    case 'gt': case 'gte': case 'lt': case 'lte':
      return `(${column} ${RANGE_SQL[test.op]} ${bind(test.value)})`;
    default:
      throw new Error(`no envelope form for ${test.op}`);
  }
}

/** The case folding of $icontains, the same in the SQL function rested_fold (index.ts registers it). */
export const foldCase = (text: string): string => text.toLowerCase();
