import { Q, QUERY_LIMITS } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { dataPathOf, type FieldTest, type Scalar, type WhereField, type WhereNode } from '../storage/where.js';
import { queryValue, type RuntimeRequest } from './runtime-request.js';

/*
 * The `where` parameter: JSON in the shape of a MongoDB query on the record envelope, checked
 * whole into a WhereNode (storage/where.ts) before anything reaches storage. Nothing in it is
 * ever run: it is only data that the adapters translate into bound parameters.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DATA_FIELD = /^data(\.[A-Za-z0-9_]+){0,16}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const LOGIC = new Set(['$and', '$or', '$nor']);

const invalid = (message: string) => apiError('invalid_where', `where: ${message}`);
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json | undefined): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The request's `where`, checked; undefined when absent or empty. */
export function parseWhereParam(req: RuntimeRequest): WhereNode | undefined {
  const raw = queryValue(req, Q.where)?.trim();
  return raw ? parseWhere(raw) : undefined;
}

export function parseWhere(raw: string): WhereNode {
  if (Buffer.byteLength(raw) > QUERY_LIMITS.whereBytes) throw invalid(`it is longer than ${QUERY_LIMITS.whereBytes} bytes of JSON.`);
  let parsed: Json;
  try {
    parsed = JSON.parse(raw) as Json;
  } catch {
    throw invalid('it is not valid JSON (URL-encode it, as in where=%7B%22data.age%22%3A18%7D).');
  }
  if (depthOf(parsed) > QUERY_LIMITS.whereDepth) throw invalid(`it nests deeper than ${QUERY_LIMITS.whereDepth} levels.`);
  if (!isObject(parsed)) throw invalid('it must be a JSON object, such as {"data.age": {"$gte": 18}}.');
  const counter = { conditions: 0 };
  return parseQuery(parsed, counter, 'where');
}

function depthOf(value: Json): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const item of Object.values(value)) deepest = Math.max(deepest, depthOf(item));
  return deepest + 1;
}

/** An object of conditions: each key a field or a logical operator, all of them holding. */
function parseQuery(query: JsonObject, counter: { conditions: number }, at: string): WhereNode {
  const nodes = Object.entries(query).map(([key, value]): WhereNode => {
    if (LOGIC.has(key)) return parseLogic(key, value, counter, `${at}.${key}`);
    if (key.startsWith('$')) throw invalid(`${key} is not an operator here: use $and, $or or $nor at this level, or a field name.`);
    const field = parseField(key);
    return { kind: 'field', field, tests: parseTests(field, value, counter, key) };
  });
  return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
}

function parseLogic(key: string, value: Json, counter: { conditions: number }, at: string): WhereNode {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isObject)) {
    throw invalid(`${key} takes a non-empty array of conditions, such as {"${key}": [{"data.a": 1}, {"data.b": 2}]}.`);
  }
  const nodes = value.map((item, i) => parseQuery(item, counter, `${at}[${i}]`));
  return { kind: key.slice(1) as 'and' | 'or' | 'nor', nodes };
}

function parseField(name: string): WhereField {
  if (name === 'uniqueId') return { kind: 'uniqueId' };
  if (name === 'createdAt' || name === 'updatedAt') return { kind: 'time', name };
  if (DATA_FIELD.test(name)) return { kind: 'data', field: name, path: dataPathOf(name) };
  throw invalid(`"${name.slice(0, 80)}" is not a field of a record: use uniqueId, createdAt, updatedAt or data.<path> (letters, digits, _; array positions as numbers).`);
}

/** A plain value means $eq; an object holds operators (all of them must hold). */
function parseTests(field: WhereField, value: Json, counter: { conditions: number }, at: string): FieldTest[] {
  if (!isObject(value)) return [parseTest(field, '$eq', value, counter, at)];
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.some(([op]) => !op.startsWith('$'))) {
    throw invalid(`${at}: compare a field with a value or with operators ({"$gt": 5}); whole objects are not compared, compare their fields instead.`);
  }
  return entries.map(([op, operand]) => parseTest(field, op, operand, counter, at));
}

function parseTest(field: WhereField, op: string, operand: Json, counter: { conditions: number }, at: string): FieldTest {
  if (op !== '$not' && ++counter.conditions > QUERY_LIMITS.whereConditions) {
    throw invalid(`it holds more than ${QUERY_LIMITS.whereConditions} field conditions.`);
  }
  const where = `${at}.${op}`;
  if (op === '$not') {
    if (!isObject(operand)) throw invalid(`${where} takes an object of operators, such as {"$not": {"$gt": 5}}.`);
    return { op: 'not', tests: parseTests(field, operand, counter, at) };
  }
  return field.kind === 'data' ? dataTest(op, operand, where) : envelopeTest(field, op, operand, where);
}

function dataTest(op: string, operand: Json, at: string): FieldTest {
  switch (op) {
    case '$eq': case '$ne':
      if (!isScalar(operand)) throw invalid(`${at} takes a string, number, boolean or null (whole arrays and objects are not compared).`);
      return { op: op === '$eq' ? 'eq' : 'ne', value: operand };
    case '$gt': case '$gte': case '$lt': case '$lte':
      if (operand === null || !isScalar(operand)) throw invalid(`${at} takes a number, a string or a boolean.`);
      return { op: op.slice(1) as 'gt', value: operand };
    case '$in': case '$nin':
      return { op: op === '$in' ? 'in' : 'nin', values: valueList(operand, at, isScalar, 'strings, numbers, booleans or null') };
    case '$exists':
      if (typeof operand !== 'boolean') throw invalid(`${at} takes true or false.`);
      return { op: 'exists', value: operand };
    case '$startsWith': case '$contains': case '$icontains':
      if (typeof operand !== 'string') throw invalid(`${at} takes a string.`);
      return { op: op.slice(1) as 'contains', value: operand };
    case '$size':
      if (!Number.isInteger(operand) || (operand as number) < 0) throw invalid(`${at} takes a whole number, 0 or more.`);
      return { op: 'size', value: operand as number };
    default:
      throw unknownOperator(op, at);
  }
}

const ENVELOPE_OPS: Record<string, FieldTest['op']> = { $eq: 'eq', $ne: 'ne', $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte', $in: 'in', $nin: 'nin' };

/** uniqueId takes strings, createdAt and updatedAt ISO times; only comparisons and $in / $nin. */
function envelopeTest(field: WhereField, op: string, operand: Json, at: string): FieldTest {
  const name = ENVELOPE_OPS[op];
  if (!name) throw op.startsWith('$') && isKnown(op) ? invalid(`${at}: ${field.kind === 'uniqueId' ? 'uniqueId' : 'a time'} takes only $eq, $ne, $gt, $gte, $lt, $lte, $in and $nin.`) : unknownOperator(op, at);
  const isTime = field.kind === 'time';
  const check = (v: Json | undefined): v is string => typeof v === 'string' && (!isTime || (ISO_TIME.test(v) && !Number.isNaN(Date.parse(v))));
  const what = isTime ? 'ISO times such as "2026-01-31T12:00:00.000Z"' : 'uniqueIds (strings)';
  const toValue = (v: string): string | number => (isTime ? Date.parse(v) : v);
  if (name === 'in' || name === 'nin') return { op: name, values: valueList(operand, at, check, what).map(toValue) };
  if (!check(operand)) throw invalid(`${at} takes ${what}.`);
  return { op: name as 'eq', value: toValue(operand) };
}

function valueList<T extends Json>(operand: Json, at: string, check: (v: Json | undefined) => v is T, what: string): T[] {
  if (!Array.isArray(operand) || !operand.every(check)) throw invalid(`${at} takes an array of ${what}.`);
  if (operand.length > QUERY_LIMITS.inValues) throw invalid(`${at} holds more than ${QUERY_LIMITS.inValues} values.`);
  return operand;
}

const KNOWN = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$startsWith', '$contains', '$icontains', '$size', '$not']);
const isKnown = (op: string) => KNOWN.has(op);

function unknownOperator(op: string, at: string) {
  const hint = op === '$regex' || op === '$where' || op === '$expr' ? ' (no regular expressions or code: use $startsWith, $contains or $icontains)' : '';
  return invalid(`${at}: ${op.slice(0, 40)} is not an operator rested knows${hint}. Operators: ${[...KNOWN].join(' ')}.`);
}
